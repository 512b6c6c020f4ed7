"""Strings of the training panel (``pages/common/panel.py``), the same on every Learn page: each setting's
label (``p.*``) and help (``h.*``), the options of choices (``o.*``), the panel's own texts, "Your own data"
(the uploader, ``own.*``) and the note on a code at least as wide as the data (``wide.*``).

Their keys are routed here by prefix: ``p.*``, ``h.*``, ``o.*``, ``panel.*``, ``own.*``, ``wide.*``.
``pages/common/texts/__init__.py`` merges every module's ``TEXTS`` into ``i18n.TABLE``.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ---- training panel
    "panel.title": {"en": "Settings", "zh": "设置"},
    "panel.model": {"en": "Architecture", "zh": "网络结构"},
    "panel.variant": {"en": "{name} settings", "zh": "{name}设置"},
    "panel.training": {"en": "Training", "zh": "训练"},
    "panel.bad_url": {"en": "The link's settings {names} are not valid here and were ignored.",
                      "zh": "链接中的设置 {names} 在此无效，已忽略。"},
    "panel.bad_hidden": {"en": "Hidden sizes must be whole numbers separated by commas, e.g. 128, 64 (got {text!r}).",
                         "zh": "隐藏层大小必须是用逗号分隔的整数，例如 128, 64（输入为 {text!r}）。"},
    "p.data": {"en": "Data set", "zh": "数据集"},
    "h.data": {"en": "What the network learns to compress and rebuild.", "zh": "网络要学习压缩并重建的数据。"},
    "p.limit": {"en": "Training rows (0 = all)", "zh": "训练样本数（0 = 全部）"},
    "h.limit": {"en": "Use fewer rows for faster runs on large sets.", "zh": "在大数据集上用更少的样本以加快训练。"},
    "p.data_noise": {"en": "Noise of the 2-D toy", "zh": "二维玩具数据的噪声"},
    "h.data_noise": {"en": "How far points scatter around the ideal shape.", "zh": "数据点偏离理想形状的程度。"},
    "p.code": {"en": "Code size", "zh": "编码维度"},
    "h.code": {"en": "Width of the bottleneck: how many numbers describe one input.",
               "zh": "瓶颈层宽度：用多少个数来描述一个输入。"},
    "p.hidden": {"en": "Hidden sizes", "zh": "隐藏层大小"},
    "h.hidden": {"en": "Widths of the encoder's hidden layers, comma separated; the decoder mirrors them. Empty: none.",
                 "zh": "编码器隐藏层宽度，用逗号分隔；解码器与之镜像对称。留空表示没有隐藏层。"},
    "p.activation": {"en": "Activation", "zh": "激活函数"},
    "h.activation": {"en": "Nonlinearity of the hidden layers; 'linear' makes the whole network linear (the PCA case).",
                     "zh": "隐藏层的非线性函数；选“线性”则整个网络都是线性的（即 PCA 的情形）。"},
    "p.code_activation": {"en": "Code activation", "zh": "编码层激活函数"},
    "h.code_activation": {"en": "Nonlinearity applied to the code itself.", "zh": "作用在编码本身上的非线性函数。"},
    "p.loss": {"en": "Reconstruction loss", "zh": "重建损失"},
    "h.loss": {"en": "Squared error, or cross-entropy for data in [0, 1].", "zh": "平方误差，或用于 [0, 1] 数据的交叉熵。"},
    "p.epochs": {"en": "Epochs", "zh": "训练轮数"},
    "h.epochs": {"en": "Passes over the training set.", "zh": "遍历训练集的次数。"},
    "p.lr": {"en": "Learning rate", "zh": "学习率"},
    "h.lr": {"en": "Step size of Adam; too large and the loss diverges.", "zh": "Adam 的步长；太大会使损失发散。"},
    "p.batch": {"en": "Batch size", "zh": "批大小"},
    "h.batch": {"en": "Examples per gradient step.", "zh": "每个梯度步使用的样本数。"},
    "p.seed": {"en": "Seed", "zh": "随机种子"},
    "h.seed": {"en": "Same seed and settings give the same run again.", "zh": "相同的种子和设置会得到完全相同的结果。"},
    "p.weight_decay": {"en": "Weight decay", "zh": "权重衰减"},
    "h.weight_decay": {"en": "L2 penalty on the weights.", "zh": "对权重的 L2 惩罚。"},
    "p.patience": {"en": "Early-stopping patience (0 = off)", "zh": "早停耐心（0 = 关闭）"},
    "h.patience": {"en": "Stop after this many epochs without a better validation loss.",
                   "zh": "验证损失连续这么多轮没有改善时停止。"},
    "p.rho": {"en": "Target activation ρ", "zh": "目标激活率 ρ"},
    "h.rho": {"en": "How often each code unit should fire on average.", "zh": "每个编码单元平均应当激活的频率。"},
    "p.beta": {"en": "Weight β", "zh": "权重 β"},
    "h.beta": {"en": "How strongly the extra term counts against reconstruction.", "zh": "附加项相对于重建误差的权重。"},
    "p.penalty": {"en": "Sparsity penalty", "zh": "稀疏惩罚"},
    "h.penalty": {"en": "KL to the target rate, or the L1 norm of the code.", "zh": "与目标激活率的 KL 散度，或编码的 L1 范数。"},
    "p.noise": {"en": "Corruption", "zh": "损坏方式"},
    "h.noise": {"en": "How the input is damaged before encoding.", "zh": "编码前如何破坏输入。"},
    "p.noise_level": {"en": "Noise level", "zh": "噪声强度"},
    "h.noise_level": {"en": "σ for Gaussian noise; fraction of inputs hit for the others.",
                      "zh": "高斯噪声的 σ；其他方式下为被破坏输入的比例。"},
    "p.lam": {"en": "Contraction weight λ", "zh": "收缩权重 λ"},
    "h.lam": {"en": "Weight of the Jacobian penalty.", "zh": "雅可比惩罚项的权重。"},
    "p.decoder": {"en": "Decoder likelihood", "zh": "解码器似然"},
    "h.decoder": {"en": "Bernoulli for [0, 1] images, Gaussian for standardized data.",
                  "zh": "[0, 1] 图像用伯努利，标准化数据用高斯。"},
    "p.warmup_epochs": {"en": "KL warm-up (epochs)", "zh": "KL 预热（轮）"},
    "h.warmup_epochs": {"en": "The KL weight grows from 0 to β over this many epochs.",
                        "zh": "KL 权重在这么多轮内从 0 增长到 β。"},
    "p.pretrain": {"en": "Pre-train each layer as", "zh": "逐层预训练方式"},
    "h.pretrain": {"en": "The kind of shallow autoencoder trained for each layer.",
                   "zh": "每一层所训练的浅层自编码器类型。"},
    "p.finetune_epochs": {"en": "Fine-tuning epochs", "zh": "微调轮数"},
    "h.finetune_epochs": {"en": "Supervised epochs with a softmax on top (0 = none).",
                          "zh": "在顶部加 softmax 的有监督训练轮数（0 = 不微调）。"},
    "o.relu": {"en": "ReLU", "zh": "ReLU"},
    "o.sigmoid": {"en": "sigmoid", "zh": "sigmoid"},
    "o.tanh": {"en": "tanh", "zh": "tanh"},
    "o.linear": {"en": "linear", "zh": "线性"},
    "o.mse": {"en": "squared error", "zh": "平方误差"},
    "o.bce": {"en": "cross-entropy", "zh": "交叉熵"},
    "o.kl": {"en": "KL", "zh": "KL"},
    "o.l1": {"en": "L1", "zh": "L1"},
    "o.gaussian": {"en": "Gaussian", "zh": "高斯"},
    "o.masking": {"en": "masking", "zh": "遮挡"},
    "o.salt-pepper": {"en": "salt & pepper", "zh": "椒盐"},
    "o.bernoulli": {"en": "Bernoulli", "zh": "伯努利"},
    "o.ae": {"en": "plain", "zh": "普通"},
    "o.sparse": {"en": "sparse", "zh": "稀疏"},
    "o.denoising": {"en": "denoising", "zh": "去噪"},
    "o.own": {"en": "Your own data (upload a file)", "zh": "你自己的数据（上传文件）"},
    "own.upload": {"en": "Your data file", "zh": "你的数据文件"},
    "own.help": {
        "en": "A CSV of numbers (one row per example; an optional column named 'label'), a .npy array, a .npz "
              "with arrays x (and y), or a zip of PNG/JPEG images of one size (one folder per class). "
              "The file is checked before it is used and stays on this server only.",
        "zh": "数字组成的 CSV（每行一个样本；可选一列名为 `label`）、.npy 数组、含数组 x（及 y）的 .npz，"
              "或由同一尺寸 PNG/JPEG 图片组成的 zip（每类一个文件夹）。文件在使用前会被检查，只保存在本服务器上。",
    },
    "own.none": {"en": "Upload a file to train on your own data; until one is accepted, Train stays off.",
                 "zh": "上传一个文件即可用你自己的数据训练；在文件被接受之前，“训练”按钮不可用。"},
    "own.using": {"en": "Training uses your file “{name}” (accepted earlier).",
                  "zh": "训练使用你之前上传并被接受的文件“{name}”。"},
    "own.cannot_store": {"en": "The file is valid but could not be kept on the server ({error}); try again later.",
                         "zh": "文件有效，但无法保存在服务器上（{error}）；请稍后再试。"},
    "own.table": {"en": "“{name}”: a table of {rows:,} rows × {cols} columns; each row is one example, each "
                        "column one input of the network.",
                  "zh": "“{name}”：{rows:,} 行 × {cols} 列的表格；每行是一个样本，每列是网络的一个输入。"},
    "own.images": {"en": "“{name}”: {rows:,} images of {h}×{w} pixels; each pixel is one input of the network.",
                   "zh": "“{name}”：{rows:,} 张 {h}×{w} 像素的图像；每个像素是网络的一个输入。"},
    # a code at least as wide as the data (panel.wide_code_note): explained, not refused
    "wide.code": {"en": "Your code ({k} numbers) is at least as wide as the data ({d} inputs), so nothing forces "
                        "the network to compress. ",
                  "zh": "你的编码（{k} 个数）不比数据（{d} 个输入）窄，因此没有什么迫使网络压缩。"},
    "wide.ae": {"en": "A plain autoencoder can then learn to copy its input and its code need not mean anything; "
                      "that is the lesson of Basics' overcomplete runs. For a compressed code choose a code "
                      "smaller than {d}.",
                "zh": "普通自编码器此时可以学会直接复制输入，其编码未必有意义；这正是“基础”页过完备实验要说明的。"
                      "想要压缩的编码，请选择小于 {d} 的编码大小。"},
    "wide.sparse": {"en": "That is fine here: the sparsity penalty keeps most units silent, so a wide code still "
                          "has to find a few features per input.",
                    "zh": "在这里没问题：稀疏惩罚让大多数单元保持沉默，因此宽编码仍需为每个输入找出少数特征。"},
    "wide.denoising": {"en": "That is fine here: the network sees corrupted inputs and must output clean ones, "
                             "so copying does not work even with a wide code.",
                       "zh": "在这里没问题：网络看到的是被破坏的输入、却要输出干净的输入，所以即使编码很宽，复制也行不通。"},
    "wide.contractive": {"en": "That is fine here: the contractive penalty ‖J_φ‖² punishes a code that follows "
                               "every change of the input, so it cannot simply copy.",
                         "zh": "在这里没问题：收缩惩罚 ‖J_φ‖² 惩罚随输入每个变化而变的编码，所以它不能简单复制。"},
    "wide.vae": {"en": "The KL term switches unneeded code dimensions off (they stay at the prior), so a wide "
                       "code mostly leaves dimensions unused.",
                 "zh": "KL 项会关闭不需要的编码维度（它们停留在先验上），所以宽编码多半只是留下未使用的维度。"},
}
