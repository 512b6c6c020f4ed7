"""Page texts: explanations, symbol legends and "Things to try", in English and 中文.

Our own short writing. Keys are ``<page>.<part>``; ``i18n.TABLE`` merges them. Formulas are
shared by both languages and drawn with ``st.latex``.
"""

from __future__ import annotations

FORMULAS = {
    "home": r"x \;\xrightarrow{\;\phi\;}\; z \;\xrightarrow{\;\psi\;}\; \hat x,"
            r"\qquad \min_{\phi,\psi}\ \frac1N \sum_{i=1}^N \lVert x_i - \psi(\phi(x_i)) \rVert^2",
    "basics": r"\min_{\phi,\psi}\ \frac1N \sum_{i=1}^N \lVert x_i - \psi(\phi(x_i)) \rVert^2",
    "stacked": r"h^{(l)} = \sigma\!\left(W^{(l)} h^{(l-1)} + b^{(l)}\right),\qquad"
               r"\min_{W^{(l)}}\ \lVert h^{(l-1)} - \hat h^{(l-1)} \rVert^2,\qquad l = 1, 2, \dots, L",
    "sparse": r"\mathcal{L} = \lVert x - \hat x \rVert^2 + \beta \sum_{j} \mathrm{KL}(\rho \,\Vert\, \hat\rho_j),"
              r"\qquad \hat\rho_j = \frac1N \sum_i h_j(x_i)",
    "denoising": r"\mathcal{L} = \big\lVert x - \psi\big(\phi(\tilde x)\big) \big\rVert^2,"
                 r"\qquad \tilde x \sim q(\tilde x \mid x)",
    "contractive": r"\mathcal{L} = \lVert x - \hat x \rVert^2 + \lambda\, \lVert J_\phi(x) \rVert_F^2,"
                   r"\qquad J_\phi(x) = \frac{\partial h}{\partial x}",
    "variational": r"\log p(x) \;\ge\; \mathbb{E}_{q_\phi(z\mid x)}\big[\log p_\psi(x \mid z)\big]"
                   r" - \beta\,\mathrm{KL}\big(q_\phi(z \mid x)\,\Vert\,\mathcal{N}(0, I)\big)",
}

TEXTS: dict[str, dict[str, str]] = {
    # ---- home
    "home.title": {"en": "Diabolo — see what an autoencoder learns", "zh": "Diabolo —— 看看自编码器学到了什么"},
    "home.explain": {
        "en": "An **autoencoder** is a neural network trained to give back its own input. The catch is the "
              "middle: the signal must squeeze through a narrow **code** of a few numbers, then be rebuilt. "
              "To pass that bottleneck the network has to find what matters in the data — strokes of a digit, "
              "the pose of a face — and drop the rest. Its layer widths narrow and widen again, like a diabolo.",
        "zh": "**自编码器**是一种被训练来还原自身输入的神经网络。关键在中间：信号必须先挤过一个只有几个数的窄"
              "**编码**层，再被重建出来。为了通过这个瓶颈，网络必须找出数据中真正重要的东西——数字的笔画、人脸的"
              "姿态——并舍弃其余部分。它的各层宽度先变窄再变宽，形状就像一个空竹（diabolo）。"},
    "home.symbols": {"en": "x: input · z = φ(x): code · x̂ = ψ(z): reconstruction · N: training examples.",
                     "zh": "x：输入 · z = φ(x)：编码 · x̂ = ψ(z)：重建 · N：训练样本数。"},
    "home.picture": {"en": "The network you chose last: layer widths from input to code to output.",
                     "zh": "你最近选择的网络：从输入到编码再到输出的各层宽度。"},
    "home.layer_in": {"en": "input", "zh": "输入"},
    "home.layer_hidden": {"en": "hidden", "zh": "隐藏"},
    "home.layer_code": {"en": "code", "zh": "编码"},
    "home.layer_out": {"en": "output", "zh": "输出"},
    "home.pages": {"en": "Where to go", "zh": "从哪里开始"},
    "home.quick": {"en": "Quick start — 60 seconds", "zh": "快速上手 —— 60 秒"},
    "home.quick_steps": {
        "en": "1. Open **Basics & PCA** in the sidebar.\n"
              "2. Keep the defaults (`digits`, code size 16) and press **Train**.\n"
              "3. Watch the loss fall and the reconstructions sharpen — it takes a few seconds.\n"
              "4. Set **Code size** to 2 and train again: what survives a 2-number bottleneck?\n"
              "5. Press **Save run**, then find it on **Runs** — or copy the page's link to share these settings.",
        "zh": "1. 在侧边栏打开 **基础与 PCA**。\n"
              "2. 保留默认设置（`digits`，编码维度 16），点击 **训练**。\n"
              "3. 观察损失下降、重建逐渐清晰——只需几秒钟。\n"
              "4. 把 **编码维度** 改为 2 再训练一次：两个数的瓶颈能保留下什么？\n"
              "5. 点击 **保存运行**，然后在 **运行记录** 页面找到它——或复制页面链接来分享这些设置。"},
    "home.go.basics": {"en": "the plain autoencoder, and why a linear one finds PCA",
                       "zh": "普通自编码器，以及为何线性自编码器会得到 PCA"},
    "home.go.stacked": {"en": "deep networks trained one layer at a time", "zh": "逐层训练的深层网络"},
    "home.go.sparse": {"en": "many code units, few active at once", "zh": "编码单元很多，但同时激活的很少"},
    "home.go.denoising": {"en": "rebuild clean inputs from damaged ones", "zh": "从被破坏的输入重建干净的输入"},
    "home.go.contractive": {"en": "codes that ignore small input changes", "zh": "对微小输入变化不敏感的编码"},
    "home.go.variational": {"en": "a code space you can sample new data from", "zh": "可以从中采样生成新数据的编码空间"},
    "home.go.latent": {"en": "where the test set lands in code space", "zh": "测试集在编码空间中的分布"},
    "home.go.compare": {"en": "several variants on one setting, side by side", "zh": "同一设置下多个变体并排对比"},
    "home.go.runs": {"en": "saved runs: load, rename, share as a zip", "zh": "已保存的运行：加载、重命名、以 zip 分享"},
    # ---- Learn pages
    "basics.explain": {
        "en": "The plain autoencoder: an encoder φ maps x to a short code z, a decoder ψ maps z back, and both "
              "are trained to make x̂ = ψ(φ(x)) close to x. With **linear** layers and squared error, the best "
              "code spans exactly the same subspace as the top principal components (PCA): the network "
              "rediscovers PCA by gradient descent. Nonlinear layers can bend that subspace to fit curved data.",
        "zh": "普通自编码器：编码器 φ 把 x 映射为短编码 z，解码器 ψ 再把 z 映射回去，两者一起训练，使 "
              "x̂ = ψ(φ(x)) 尽量接近 x。若各层都是**线性**的并使用平方误差，最优编码张成的子空间恰好就是前几个"
              "主成分（PCA）的子空间：网络通过梯度下降重新发现了 PCA。非线性层则可以把这个子空间弯曲，以贴合弯曲的数据。"},
    "basics.symbols": {"en": "φ: encoder · ψ: decoder · N: training examples. Data in [0, 1] may use cross-entropy "
                             "instead of squared error.",
                       "zh": "φ：编码器 · ψ：解码器 · N：训练样本数。[0, 1] 范围的数据也可以用交叉熵代替平方误差。"},
    "stacked.explain": {
        "en": "A deep autoencoder is hard to train from a random start. The stacked recipe trains it **one layer "
              "at a time**: a shallow autoencoder learns the first code from the data, the next one learns a code "
              "of that code, and so on. The pretrained layers are then stacked and, with a softmax on top, "
              "fine-tuned on the labels. The page compares this with the same network trained from scratch.",
        "zh": "深层自编码器很难从随机初始化开始训练。堆叠方法**逐层**训练：一个浅层自编码器先从数据中学习第一层编码，"
              "下一个再学习这层编码的编码，依此类推。然后把预训练好的各层堆叠起来，在顶部加上 softmax，用标签进行微调。"
              "本页会把它与从零开始训练的同一网络进行比较。"},
    "stacked.symbols": {"en": "h⁽ˡ⁾: code of layer l (h⁽⁰⁾ = x) · W⁽ˡ⁾, b⁽ˡ⁾: its weights · σ: activation · "
                              "l = 1, …, L: the layers, trained one at a time, each on the codes of the one below.",
                        "zh": "h⁽ˡ⁾：第 l 层的编码（h⁽⁰⁾ = x）· W⁽ˡ⁾、b⁽ˡ⁾：该层的权重 · σ：激活函数 · "
                              "l = 1, …, L：各层依次逐层训练，每层以其下方一层的编码为输入。"},
    "stacked.try": {
        "en": "- Compare *accuracy, frozen features* with *accuracy after fine-tuning*.\n"
              "- Set fine-tuning epochs to 0: only the unsupervised stack is trained.\n"
              "- Pre-train each layer as **sparse** instead of **denoising**.",
        "zh": "- 比较 *准确率（冻结特征）* 与 *微调后准确率*。\n"
              "- 把微调轮数设为 0：只训练无监督的堆叠部分。\n"
              "- 把逐层预训练方式从 **去噪** 改为 **稀疏**。"},
    "sparse.explain": {
        "en": "A sparse autoencoder may have a wide code — even wider than the input — because a penalty keeps "
              "most code units **silent** on any one input. Each unit is pushed to fire with a small average rate "
              "ρ, measured over the data as ρ̂ⱼ. Units then specialise: on image patches they become edge and "
              "stroke detectors.",
        "zh": "稀疏自编码器的编码层可以很宽——甚至比输入还宽——因为一个惩罚项让大多数编码单元在任一输入上都保持"
              "**沉默**。每个单元被推向一个很小的平均激活率 ρ，在数据上的实际平均值记为 ρ̂ⱼ。于是各单元开始分工："
              "在图像小块上，它们会变成边缘和笔画检测器。"},
    "sparse.symbols": {"en": "ρ: target rate · ρ̂ⱼ: mean activation of unit j · β: penalty weight · h: code.",
                       "zh": "ρ：目标激活率 · ρ̂ⱼ：单元 j 的平均激活 · β：惩罚权重 · h：编码。"},
    "denoising.explain": {
        "en": "A denoising autoencoder sees a **damaged** input x̃ — noise added, pixels masked — but is trained "
              "to output the **clean** x. It cannot just copy its input, so it must learn what typical data looks "
              "like in order to repair it. For small noise, the repair x̂ − x̃ points towards regions where "
              "data is more likely.",
        "zh": "去噪自编码器看到的是**被破坏的**输入 x̃——加了噪声或遮挡了像素——却被训练去输出**干净的** x。"
              "它不能简单地复制输入，因此必须学会典型数据的样子才能修复它。噪声较小时，修复方向 x̂ − x̃ 指向数据更"
              "可能出现的区域。"},
    "denoising.symbols": {"en": "x̃: corrupted input · q(x̃ | x): the corruption (Gaussian, masking, salt & pepper).",
                          "zh": "x̃：被破坏的输入 · q(x̃ | x)：破坏过程（高斯、遮挡、椒盐）。"},
    "contractive.explain": {
        "en": "A contractive autoencoder adds a penalty on how strongly the code reacts to its input: the squared "
              "Frobenius norm of the encoder's Jacobian. Reconstruction needs the code to follow the data, the "
              "penalty wants it to stay still, so the code stays sensitive **along** the data and flat in every "
              "other direction.",
        "zh": "收缩自编码器增加了一个惩罚项，约束编码对输入的敏感程度：编码器雅可比矩阵的 Frobenius 范数的平方。"
              "重建要求编码随数据变化，惩罚项却希望它保持不动，于是编码只在**沿着**数据的方向上保持敏感，在其他方向上变得平坦。"},
    "contractive.symbols": {"en": r"$J_\phi(x)$: matrix of ∂hⱼ/∂xᵢ · λ: penalty weight · $\lVert\cdot\rVert_F$: Frobenius norm.",
                            "zh": r"$J_\phi(x)$：∂hⱼ/∂xᵢ 组成的矩阵 · λ：惩罚权重 · $\lVert\cdot\rVert_F$：Frobenius 范数。"},
    "contractive.try": {
        "en": "- Compare *encoder's ‖Jᵩ(x)‖* for λ = 0 and λ = 1.\n"
              "- Push λ to 10: when does reconstruction suffer?\n"
              "- Try the 2-D **spiral**: the code should follow the arms.",
        "zh": "- 比较 λ = 0 与 λ = 1 时的 *编码器的 ‖Jᵩ(x)‖*。\n"
              "- 把 λ 调到 10：重建从什么时候开始变差？\n"
              "- 试试二维 **spiral** 数据：编码应当沿着螺旋臂变化。"},
    "variational.explain": {
        "en": "A variational autoencoder encodes each input as a small **cloud** — a mean μ and a spread σ — and "
              "decodes a random point from it. Training maximises a lower bound on the data's likelihood: rebuild "
              "x well, while keeping each cloud close to a standard normal. The code space becomes smooth and "
              "filled, so decoding random normal points gives new, plausible data.",
        "zh": "变分自编码器把每个输入编码成一小**团**分布——均值 μ 和离散度 σ——并从中随机取一点来解码。训练最大化"
              "数据似然的一个下界：既要重建好 x，又要让每团分布接近标准正态分布。于是编码空间变得平滑而充实，"
              "解码随机的正态点就能生成新的、合理的数据。"},
    "variational.symbols": {"en": r"$q_\phi(z \mid x) = \mathcal{N}(\mu, \sigma^2)$: encoder · $p_\psi(x \mid z)$: decoder · "
                                  "β: KL weight (1 = the ELBO).",
                            "zh": r"$q_\phi(z \mid x) = \mathcal{N}(\mu, \sigma^2)$：编码器 · $p_\psi(x \mid z)$：解码器 · "
                                  "β：KL 权重（1 即 ELBO）。"},
    "variational.try": {
        "en": "- Keep the code size at 2 and open **Latent space**: are the digits arranged in clusters?\n"
              "- Set β to 4: the KL falls, reconstructions blur.\n"
              "- Set β to 0: it becomes an autoencoder with noisy codes.",
        "zh": "- 保持编码维度为 2，打开 **潜空间**：数字是否聚成了簇？\n"
              "- 把 β 设为 4：KL 下降，重建变模糊。\n"
              "- 把 β 设为 0：它就变成了一个编码带噪声的自编码器。"},
    "denoising.figure": {"en": "Clean, corrupted and denoised test images", "zh": "干净、被破坏和去噪后的测试图像"},
    "denoising.row_noisy": {"en": "corrupted", "zh": "被破坏"},
    "denoising.row_denoised": {"en": "denoised", "zh": "去噪后"},
    "variational.samples": {"en": "New images decoded from random codes z ~ N(0, I)",
                            "zh": "从随机编码 z ~ N(0, I) 解码出的新图像"},
    "variational.row_samples": {"en": "samples", "zh": "采样"},
    # ---- Explore and Runs
    "latent.explain": {
        "en": "Pick a trained model: its encoder maps every test example to a code. A 2-D code is drawn as it "
              "is; a wider one is projected onto its first two principal components. Colours are the labels, "
              "which the network never saw.",
        "zh": "选择一个训练好的模型：编码器把每个测试样本映射为一个编码。二维编码直接画出；更宽的编码则投影到前两个"
              "主成分上。颜色表示标签——网络在训练中从未见过它们。"},
    "latent.pick": {"en": "Model", "zh": "模型"},
    "latent.none": {"en": "No trained model yet: train one below with one click, on a Learn page, or load a saved "
                          "run on **Runs**.",
                    "zh": "还没有训练好的模型：点击下方按钮一键训练一个，或在“学习”页面训练，或在 **运行记录** 页面加载已保存的运行。"},
    "latent.pca_axes": {"en": "code projected on its first two principal components",
                        "zh": "编码在前两个主成分上的投影"},
    "latent.raw_axes": {"en": "the 2-D code itself", "zh": "二维编码本身"},
    "latent.one_dim": {"en": "This model's code has one number: drawn against the example index.",
                       "zh": "该模型的编码只有一个数：以样本序号为横轴画出。"},
    "compare.explain": {
        "en": "Train several variants on **one** shared setting — same data, code size, epochs and seed — and "
              "compare their curves and numbers. Each variant keeps its own default penalty.",
        "zh": "在**同一**设置下训练多个变体——相同的数据、编码维度、训练轮数和种子——并比较它们的曲线和指标。"
              "每个变体使用自己默认的惩罚设置。"},
    "compare.pick": {"en": "Variants (2–4)", "zh": "变体（2–4 个）"},
    "compare.pick_help": {"en": "Choose between two and four.", "zh": "请选择二到四个。"},
    "compare.train_all": {"en": "Train all", "zh": "全部训练"},
    "compare.curves": {"en": "Validation loss per epoch", "zh": "每轮验证损失"},
    "compare.table": {"en": "Measurements (best per row marked ★)", "zh": "指标（每行最佳标 ★）"},
    "compare.none": {"en": "Choose variants and press **Train all**.", "zh": "选择变体后点击 **全部训练**。"},
    "compare.need": {"en": "Choose between two and four variants.", "zh": "请选择二到四个变体。"},
    "runs.explain": {
        "en": "Every saved run is a folder with the weights (safetensors), settings, measurements and curves. "
              "Load one into its page, rename it, delete it, or download it as a zip to share.",
        "zh": "每个已保存的运行是一个文件夹，包含权重（safetensors）、设置、指标和曲线。可以把它加载到对应页面、"
              "重命名、删除，或下载为 zip 分享。"},
    "runs.folder": {"en": "Runs folder: `{path}`", "zh": "运行记录文件夹：`{path}`"},
    "runs.none": {"en": "No saved runs yet. Train on a Learn page, then press **Save run**.",
                  "zh": "还没有已保存的运行。在“学习”页面训练后点击 **保存运行**。"},
    "runs.col.name": {"en": "name", "zh": "名称"},
    "runs.col.variant": {"en": "variant", "zh": "变体"},
    "runs.col.dataset": {"en": "data set", "zh": "数据集"},
    "runs.col.created": {"en": "saved", "zh": "保存时间"},
    "runs.select": {"en": "Select a row to act on that run.", "zh": "选中一行以操作该运行。"},
    "runs.load": {"en": "Open in its page", "zh": "在对应页面打开"},
    "runs.rename": {"en": "Rename", "zh": "重命名"},
    "runs.new_name": {"en": "New name", "zh": "新名称"},
    "runs.delete": {"en": "Delete", "zh": "删除"},
    "runs.confirm": {"en": "Delete run “{name}” for good?", "zh": "确定要永久删除运行“{name}”吗？"},
    "runs.confirm_yes": {"en": "Yes, delete", "zh": "确定删除"},
    "runs.cancel": {"en": "Cancel", "zh": "取消"},
    "runs.download": {"en": "Download zip", "zh": "下载 zip"},
    "runs.import": {"en": "Import a run zip", "zh": "导入运行 zip"},
    "runs.import_help": {"en": "A zip exported by Diabolo: safetensors weights only; anything else is refused.",
                         "zh": "由 Diabolo 导出的 zip：只接受 safetensors 权重，其他内容一律拒绝。"},
    "runs.imported": {"en": "Imported as “{name}”.", "zh": "已导入为“{name}”。"},
    "runs.renamed": {"en": "Renamed to “{name}”.", "zh": "已重命名为“{name}”。"},
    "runs.deleted": {"en": "Deleted “{name}”.", "zh": "已删除“{name}”。"},
    "runs.actions": {"en": "Run “{name}”", "zh": "运行“{name}”"},
    "runs.already": {"en": "This run is already here as “{name}” (the same trained weights); nothing was imported.",
                     "zh": "这个运行已经在这里，名为“{name}”（训练出的权重完全相同）；没有重复导入。"},
}
