"""Strings of the learn2 pages (see ``i18n``): English and 中文, merged into ``i18n.TABLE``.

Keys are ``<page>.<part>``. Formulas are language-free and go into ``FORMULAS``.
``<page>.l.<name>`` are the figure texts of the page's lab module (its ``LABELS``, same names).
"""

FORMULAS: dict[str, str] = {}

_CONTRACTIVE = {
    "contractive.train_all": {"en": "Train all three: plain, denoising, contractive",
                              "zh": "三个一起训练：普通、去噪、收缩"},
    "contractive.train_all_help": {
        "en": "Trains a plain and a denoising autoencoder of the same size, data, epochs and seed beside this "
              "contractive one, so that the pictures below compare the three.",
        "zh": "在这个收缩自编码器之外，再训练一个普通自编码器和一个去噪自编码器——大小、数据、轮数和种子都相同，"
              "下面的图就会比较这三个模型。"},
    "contractive.job_label": {"en": "{name} (beside the CAE)", "zh": "{name}（对照收缩自编码器）"},
    "contractive.need_all": {
        "en": "Only the contractive AE is shown. Press **Train all three** to compare it with a plain and a "
              "denoising AE of the same size.",
        "zh": "目前只显示收缩自编码器。点击 **三个一起训练**，即可与同样大小的普通和去噪自编码器比较。"},
    "contractive.norms": {"en": "How strongly does the code react to the input?", "zh": "编码对输入有多敏感？"},
    "contractive.norms_caption": {
        "en": r"$\lVert J_\phi(x) \rVert_F$ sums how much every code unit changes per unit change of every input value, at one "
              "test example. Below: its mean over {n} test examples, and its spread.",
        "zh": r"$\lVert J_\phi(x) \rVert_F$ 汇总了在某个测试样本处，每个输入值变化一个单位时各编码单元的变化量。下面是它在 {n} 个"
              "测试样本上的平均值及其分布。"},
    "contractive.mean_norm": {"en": "{name}: mean ‖Jᵩ(x)‖", "zh": "{name}：平均 ‖Jᵩ(x)‖"},
    "contractive.delta": {"en": "{pct:+.0f} % vs plain AE", "zh": "{pct:+.0f} %（相对普通自编码器）"},  # the sign first: st.metric reads its arrow from it
    "contractive.hist_title": {"en": "‖J<sub>φ</sub>(x)‖<sub>F</sub> per test example", "zh": "每个测试样本的 ‖J<sub>φ</sub>(x)‖<sub>F</sub>"},
    "contractive.spectrum": {"en": "Which directions does the code keep?", "zh": "编码保留了哪些方向？"},
    "contractive.spectrum_caption": {
        "en": r"The singular values of $J_\phi(x)$ at chosen test examples: a few large ones are directions along "
              "the data (the code follows them), the small rest are contracted. The images are the input "
              "directions the code is most sensitive to at the first chosen example (grey = 0).",
        "zh": r"所选测试样本处 $J_\phi(x)$ 的奇异值：少数较大的对应沿着数据的方向（编码跟随它们变化），其余较小的方向"
              "被收缩。下方图像是在第一个所选样本处编码最敏感的输入方向（灰色 = 0）。"},
    "contractive.points": {"en": "Test examples", "zh": "测试样本"},
    "contractive.pick_points": {"en": "Choose at least one test example.", "zh": "请至少选择一个测试样本。"},
    "contractive.spectrum_title": {"en": "Singular values of J<sub>φ</sub>(x) at {n} test examples (bold: their mean)",
                                   "zh": "{n} 个测试样本处 J<sub>φ</sub>(x) 的奇异值（粗线：平均）"},
    "contractive.directions_title": {"en": "Top {k} singular directions at #{i}", "zh": "#{i} 处前 {k} 个奇异方向"},
    "contractive.robust": {"en": "Robustness to small random perturbations", "zh": "对微小随机扰动的鲁棒性"},
    "contractive.robust_caption": {
        "en": "Each test example is pushed a distance ‖ε‖ in a random direction; the curve is the mean distance "
              "its code moves (band: ±1 standard deviation). Dashed: the Jacobian's prediction for small ε.",
        "zh": "把每个测试样本沿随机方向推开距离 ‖ε‖；曲线是其编码平均移动的距离（阴影：±1 个标准差）。"
              "虚线：雅可比矩阵对小 ε 的预测。"},
    "contractive.robust_title": {"en": "Code change against perturbation size", "zh": "编码变化与扰动大小的关系"},
    "contractive.circles": {"en": "Small circles through the autoencoder", "zh": "小圆经过自编码器之后"},
    "contractive.circles_need_toy": {
        "en": "Choose a 2-D toy data set (moons, circles, swissroll, spiral) to see small circles around data "
              "points mapped through the encoder and decoder.",
        "zh": "选择一个二维玩具数据集（moons、circles、swissroll、spiral），即可看到数据点周围的小圆经过编码器和"
              "解码器后的样子。"},
    "contractive.circles_caption": {
        "en": "Grey: the data. Dotted: small circles around test points; solid: where the reconstruction "
              "r(x) = ψ(φ(x)) sends them. Stretched along the data: that direction is kept; flattened across "
              "it: squashed. Note that λ penalizes the encoder only: a CAE may shrink its code and let the "
              "decoder scale it back up.",
        "zh": "灰色：数据。虚线：测试点周围的小圆；实线：重建 r(x) = ψ(φ(x)) 把它们映射到的位置。沿数据方向被拉长："
              "该方向被保留；垂直于数据方向被压扁：该方向被压缩。注意 λ 只惩罚编码器：收缩自编码器可能把编码缩小，"
              "再让解码器把它放大回来。"},
    "contractive.try_more": {
        "en": "- Press **Train all three**, then compare the mean ‖Jᵩ(x)‖ tiles: how much flatter is the contractive code?\n"
              "- Set λ to 3: the singular values fall, the robustness curve flattens — and the reconstructions blur.\n"
              "- Choose **moons** with code size 2 (in Advanced: hidden size 32) and train all three: which model "
              "flattens the circles across the moons?",
        "zh": "- 点击 **三个一起训练**，然后比较平均 ‖Jᵩ(x)‖：收缩编码平坦了多少？\n"
              "- 把 λ 设为 3：奇异值下降，鲁棒性曲线变平——重建也随之变模糊。\n"
              "- 选择 **moons**，编码维度设为 2（高级模式中隐藏层大小设为 32），三个一起训练：哪个模型在垂直于"
              "月牙的方向上把小圆压扁了？"},
    "contractive.l.mean": {"en": "mean", "zh": "平均"},
    "contractive.l.hist_x": {"en": "‖J<sub>φ</sub>(x)‖<sub>F</sub>", "zh": "‖J<sub>φ</sub>(x)‖<sub>F</sub>"},
    "contractive.l.hist_y": {"en": "test examples", "zh": "测试样本数"},
    "contractive.l.spec_x": {"en": "singular value index i", "zh": "奇异值序号 i"},
    "contractive.l.spec_y": {"en": "sᵢ of J<sub>φ</sub>(x)", "zh": "J<sub>φ</sub>(x) 的 sᵢ"},
    "contractive.l.rob_x": {"en": "‖ε‖ (input units)", "zh": "‖ε‖（输入单位）"},
    "contractive.l.rob_y": {"en": "‖φ(x + ε) − φ(x)‖ (code units)", "zh": "‖φ(x + ε) − φ(x)‖（编码单位）"},
    "contractive.l.rob_pred": {"en": "‖J<sub>φ</sub>‖<sub>F</sub>/√D·‖ε‖", "zh": "‖J<sub>φ</sub>‖<sub>F</sub>/√D·‖ε‖"},
    "contractive.l.data": {"en": "data", "zh": "数据"},
    "contractive.l.circles": {"en": "circles around x", "zh": "x 周围的小圆"},
    "contractive.l.images": {"en": "their images r(x)", "zh": "它们的像 r(x)"},
    "contractive.l.x1": {"en": "x₁", "zh": "x₁"},
    "contractive.l.x2": {"en": "x₂", "zh": "x₂"},
}

_VARIATIONAL = {
    "variational.elbo": {"en": "The evidence lower bound (ELBO)", "zh": "证据下界（ELBO）"},
    "variational.likelihood": {"en": "How likely is the test data under the model?", "zh": "测试数据在模型下的可能性有多大？"},
    "variational.neg_elbo": {"en": "−ELBO (nats)", "zh": "−ELBO（奈特）"},
    "variational.neg_elbo_help": {"en": "Reconstruction NLL + KL on the test set: an upper bound on −log p(x).",
                                  "zh": "测试集上的重建负对数似然 + KL：−log p(x) 的一个上界。"},
    "variational.iw_nll": {"en": "−log p(x), {k} samples", "zh": "−log p(x)（{k} 个样本）"},
    "variational.iw_nll_help": {
        "en": "Importance-weighted estimate of −log p(x) (Burda et al. 2016), on 500 test examples: tighter than "
              "the ELBO.",
        "zh": "−log p(x) 的重要性加权估计（Burda 等，2016），基于 500 个测试样本：比 ELBO 更紧。"},
    "variational.gap": {"en": "gap (nats)", "zh": "差距（奈特）"},
    "variational.gap_help": {"en": "−ELBO minus the estimate: how loose the bound is.",
                             "zh": "−ELBO 减去估计值：下界有多松。"},
    "variational.elbo_title": {"en": "−ELBO during training = reconstruction + KL", "zh": "训练中的 −ELBO = 重建 + KL"},
    "variational.kl_title": {"en": "KL per latent dimension (test set)", "zh": "每个潜变量维度的 KL（测试集）"},
    "variational.collapse_all": {
        "en": "Posterior collapse: every latent dimension has KL ≈ 0, so the decoder ignores the code. Lower β, "
              "use KL warm-up, or train longer.",
        "zh": "后验坍塌：所有潜变量维度的 KL ≈ 0，解码器忽略了编码。请降低 β、使用 KL 预热，或训练更久。"},
    "variational.collapse_some": {
        "en": "{n} of {k} latent dimensions collapsed to the prior (KL ≈ 0): {dims}. The code effectively uses "
              "the others.",
        "zh": "{k} 个潜变量维度中有 {n} 个坍塌到了先验（KL ≈ 0）：{dims}。编码实际上只用了其余维度。"},
    "variational.map": {"en": "The code space", "zh": "编码空间"},
    "variational.map_caption": {
        "en": "Left: the code (posterior mean μ) of every test example, coloured by its label. **Click two points** "
              "to interpolate between them (A and B; solid line: linear path, dashed: spherical). Right: images decoded on a grid of evenly spaced quantiles "
              "of the prior N(0, I).",
        "zh": "左：每个测试样本的编码（后验均值 μ），按标签着色。**点击两个点**即可在它们（A 和 B）之间插值（实线：线性路径，虚线：球面路径）。"
              "右：在先验 N(0, I) 的等间隔分位数网格上解码出的图像。"},
    "variational.map_title": {"en": "Test codes (click two points)", "zh": "测试编码（点击两个点）"},
    "variational.manifold_title": {"en": "Decoded prior quantiles", "zh": "解码的先验分位数"},
    "variational.linear": {"en": "linear", "zh": "线性"},
    "variational.slerp": {"en": "spherical", "zh": "球面"},
    "variational.interp": {"en": "Walking from one code to another", "zh": "从一个编码走到另一个编码"},
    "variational.pick_a": {"en": "Test example A", "zh": "测试样本 A"},
    "variational.pick_b": {"en": "Test example B", "zh": "测试样本 B"},
    "variational.pick_help": {
        "en": "Click two points in the code map, or type two test example numbers.",
        "zh": "在编码图中点击两个点，或输入两个测试样本编号。"},
    "variational.strip_title": {"en": "Decoded path from #{a} to #{b}", "zh": "从 #{a} 到 #{b} 的解码路径"},
    "variational.step": {"en": "Step along the path", "zh": "沿路径的步数"},
    "variational.frame": {
        "en": "At **t = {t:.2f}** of the way from A to B. The straight line cuts through the middle of the prior; "
              "the spherical path keeps the codes' length, where the prior puts its mass.",
        "zh": "位于从 A 到 B 的 **t = {t:.2f}** 处。直线会穿过先验的中心；球面路径保持编码的长度，那里才是先验"
              "概率质量所在。"},
    "variational.prior_pair": {"en": "Between two random codes from the prior", "zh": "在两个随机先验编码之间"},
    "variational.new_pair": {"en": "New random pair", "zh": "换一对随机编码"},
    "variational.samples_title": {"en": "New images from random codes z ~ N(0, I)",
                                  "zh": "从随机编码 z ~ N(0, I) 生成的新图像"},
    "variational.new_samples": {"en": "New samples", "zh": "重新采样"},
    "variational.one_dim": {"en": "This model's code has one number: the code map and interpolation need two.",
                            "zh": "该模型的编码只有一个数：编码图和插值需要两个。"},
    "variational.images_only": {"en": "Decoded grids, paths and samples are drawn for image data sets.",
                                "zh": "解码网格、路径和采样只针对图像数据集绘制。"},
    "variational.try_more": {
        "en": "- Click a **0** and a **6** in the code map: does the path pass through other digits?\n"
              "- Set the code size to 8 and look at the KL per dimension: how many units stay active?\n"
              "- Choose **frey** (faces) with a Gaussian decoder, or **fashion-mnist**, and look at the grid.",
        "zh": "- 在编码图中点击一个 **0** 和一个 **6**：路径会经过其他数字吗？\n"
              "- 把编码维度设为 8，看看每个维度的 KL：有几个单元保持活跃？\n"
              "- 选择 **frey**（人脸，配高斯解码器）或 **fashion-mnist**，看看解码网格。"},
    "variational.l.recon": {"en": "reconstruction −log p(x|z)", "zh": "重建 −log p(x|z)"},
    "variational.l.kl": {"en": "KL(q(z|x) ‖ p(z))", "zh": "KL(q(z|x) ‖ p(z))"},
    "variational.l.neg_elbo": {"en": "−ELBO", "zh": "−ELBO"},
    "variational.l.epoch": {"en": "epoch", "zh": "轮"},
    "variational.l.nats": {"en": "nats per example", "zh": "每个样本的奈特数"},
    "variational.l.threshold": {"en": "collapse threshold", "zh": "坍塌阈值"},
    "variational.l.dim": {"en": "latent dimension", "zh": "潜变量维度"},
    "variational.l.kl_y": {"en": "KL (nats)", "zh": "KL（奈特）"},
    "variational.l.test": {"en": "test", "zh": "测试"},
    "variational.l.others": {"en": "of {k}; the others not shown", "zh": "共 {k} 维，其余未画出"},
    "variational.l.held": {"en": "z₃ … z{k} held at 0 (the prior's mean)", "zh": "z₃ … z{k} 固定为 0（先验均值）"},
    "variational.l.picked": {"en": "picked", "zh": "已选"},
    "variational.l.nats_unit": {"en": "nats", "zh": "奈特"},
}

_STACKED = {
    "stacked.layers": {"en": "Layers, bottom to top", "zh": "各层（自下而上）"},
    "stacked.n_layers": {"en": "Number of layers", "zh": "层数"},
    "stacked.n_layers_help": {"en": "Each layer is one shallow autoencoder, trained on the codes of the layer below.",
                              "zh": "每一层都是一个浅层自编码器，在下一层的编码上训练。"},
    "stacked.width": {"en": "Layer {n}: width", "zh": "第 {n} 层：宽度"},
    "stacked.kind": {"en": "Layer {n}: pretrained as", "zh": "第 {n} 层：预训练方式"},
    "stacked.layers_caption": {"en": "The top layer's width is the code size.", "zh": "最上层的宽度就是编码维度。"},
    "stacked.preset": {"en": "Preset: shapes, layer by layer", "zh": "预设：形状数据，逐层观察"},
    "stacked.preset_help": {
        "en": "Trains at once: outline shapes (28×28, 5 classes, 3,000 training images), three sparse layers "
              "(128, 64, 16 units) each trained with full-batch L-BFGS as in the UFLDL exercise. Layer 1 learns "
              "strokes and edges, layer 2 arcs and corners joined into pieces of contour, layer 3 whole outlines. "
              "The reconstructions through the whole stack keep each outline's place and rough form; the 16-unit "
              "sparse top code loses its fine detail.",
        "zh": "立即开始训练：轮廓形状数据（28×28，5 类，3,000 张训练图像），三个稀疏层（128、64、16 个单元），"
              "每层都像 UFLDL 练习那样用全批量 L-BFGS 训练。第 1 层学到笔画和边缘，第 2 层把弧线和拐角连成一段段轮廓，"
              "第 3 层学到完整的外形。经过整个堆叠的重建保留了每个轮廓的位置和大致形状；16 个单元的稀疏顶层编码丢掉了细节。"},
    "stacked.phase_layer": {"en": "pretraining layer {n}", "zh": "预训练第 {n} 层"},
    "stacked.phase.softmax on frozen codes": {"en": "softmax on frozen codes", "zh": "冻结编码上的 softmax"},
    "stacked.phase.finetune": {"en": "fine-tuning", "zh": "微调"},
    "stacked.phase.from scratch": {"en": "same network from scratch", "zh": "同一网络从零训练"},
    "stacked.pretrain_title": {"en": "Greedy pretraining: each layer's reconstruction loss",
                               "zh": "逐层贪心预训练：每层的重建损失"},
    "stacked.pretraining": {"en": "Greedy pretraining, layer by layer", "zh": "逐层贪心预训练"},
    "stacked.pretraining_caption": {
        "en": "Each row pair shows the most local units of one layer — those whose weights cover the smallest "
              "part of the image — as greedy pretraining left them (before fine-tuning). Top: the unit's weights "
              "(for deeper layers multiplied through the layers below), as an image of the input. Bottom: the mean "
              "of the 9 test images that excite the unit most. A unit's reach is the root-mean-square distance, in "
              "pixels, of its weight energy from its centre: it grows from layer to layer as parts join into wholes.",
        "zh": "每两行展示某一层中最局部的单元——权重只覆盖图像最小一部分的那些——即逐层预训练结束时（微调之前）的样子。"
              "上行：该单元的权重（更深的层则乘以下面各层的权重），画成输入图像。下行：最能激活该单元的 9 张测试图像的平均。"
              "单元的范围是其权重能量到中心的均方根距离（像素）：随着部件组合成整体，它逐层变大。"},
    "stacked.final_weights": {
        "en": "This run was read from disk, which keeps only the final weights: the pictures show the layers "
              "after fine-tuning, not as pretraining left them.",
        "zh": "这个运行是从磁盘读入的，只保存了最终权重：下面的图展示的是微调之后的各层，而不是预训练刚结束时的样子。"},
    "stacked.row_pretrained": {"en": "pretrained stack", "zh": "预训练后的堆叠"},
    "stacked.row_depth1": {"en": "via layer 1", "zh": "经第 1 层"},
    "stacked.row_depth": {"en": "via layers 1–{n}", "zh": "经第 1–{n} 层"},
    "stacked.row_finetuned": {"en": "after fine-tuning", "zh": "微调之后"},
    "stacked.recon_caption": {
        "en": "Each row below the originals encodes them one layer higher and decodes them back: what the stack "
              "keeps of an input at that height (the pretrained stack's row goes up every layer). "
              "The decoders learn only during pretraining. Fine-tuning moves the encoder to separate the classes, "
              "not to keep the picture, and the decoders do not follow: the last row can only be as good as the "
              "encoder still fits them — close after a few Adam epochs, far off after L-BFGS's large steps (try the "
              "shapes preset). The test MSE below is the fine-tuned network's.",
        "zh": "原图下面的每一行把它们多编码一层再解码回来：堆叠在这一高度保留了输入的多少（预训练堆叠那一行经过所有层）。"
              "解码器只在预训练时学习。微调为了区分类别而移动编码器，并不在意保留图像，而解码器不会随之更新："
              "最后一行的好坏取决于编码器与解码器是否仍然匹配——用 Adam 微调几轮后差别不大，用 L-BFGS 的大步长之后差很多"
              "（试试形状预设）。下面的测试 MSE 是微调后网络的数值。"},
    "stacked.row_weights": {"en": "weights", "zh": "权重"},
    "stacked.row_top": {"en": "top 9 inputs", "zh": "前 9 个输入"},
    "stacked.layer_title1": {"en": "Layer {n}: filters", "zh": "第 {n} 层：滤波器"},
    "stacked.layer_title": {"en": "Layer {n}: units seen in input space", "zh": "第 {n} 层：在输入空间中看单元"},
    "stacked.layer_reach": {"en": "the {k} most local of {width} units: reach {shown:.1f} px (median of all {median:.1f} px)",
                            "zh": "{width} 个单元中最局部的 {k} 个：范围 {shown:.1f} 像素（全部单元的中位数 {median:.1f} 像素）"},
    "stacked.finetuning": {"en": "Fine-tuning with a softmax on the top code", "zh": "在顶层编码上加 softmax 微调"},
    "stacked.no_finetune": {"en": "No fine-tuning: the data set has no labels, or fine-tuning epochs is 0.",
                            "zh": "没有微调：数据集没有标签，或微调轮数为 0。"},
    "stacked.accuracy_title": {"en": "Test accuracy<br>with the same supervised budget", "zh": "测试准确率<br>（相同的有监督预算）"},
    "stacked.confusion_title": {"en": "Confusion matrix after fine-tuning", "zh": "微调后的混淆矩阵"},
    "stacked.finetune_title": {"en": "Supervised training: pretrained vs. from scratch", "zh": "有监督训练：预训练与从零开始对比"},
    "stacked.try_more": {
        "en": "- Press **Preset: shapes, layer by layer** and watch each layer's pictures appear as it finishes: "
              "edges, then pieces of contour, then whole shapes. Then train the same stack with **Adam**: "
              "layer 1 jumps straight to whole-outline templates.\n"
              "- Use one layer, then four: does pretraining help more as the stack gets deeper?\n"
              "- Pre-train the first layer as **sparse** and compare its filters with **plain**.",
        "zh": "- 点击 **预设：形状数据，逐层观察**，观察每层训练完成时出现的图像：先是边缘，然后是一段段轮廓，最后是完整形状。"
              "再用 **Adam** 训练同样的堆叠：第 1 层会直接学成整个轮廓的模板。\n"
              "- 先用一层，再用四层：堆叠越深，预训练的帮助越大吗？\n"
              "- 把第一层的预训练方式设为 **稀疏**，与 **普通** 的滤波器比较。"},
    "stacked.budget.section": {"en": "When does pretraining help? Accuracy against the number of labels",
                               "zh": "预训练什么时候有用？准确率与标注样本数的关系"},
    "stacked.budget.go": {"en": "Run: accuracy vs. number of labels ({seeds} seeds)",
                          "zh": "运行：准确率与标注样本数的关系（{seeds} 个随机种子）"},
    "stacked.budget.stop": {"en": "Stop the label runs", "zh": "停止标注样本实验"},
    "stacked.budget.why": {
        "en": "Erhan et al. (2010) found that unsupervised pretraining helps most when labels are scarce. This runs "
              "the stack set on the left on **{data}**, {seeds} times with different seeds: each run pretrains the "
              "layers once on every training image without labels, then for each number of labelled examples "
              "({budgets}) fine-tunes a copy on that many class-balanced labelled images, trains the same network "
              "from random weights on them (twice the epochs), and fits a logistic regression on their raw pixels. "
              "All are scored on the same test images.",
        "zh": "Erhan 等人（2010）发现，无监督预训练在标注稀缺时帮助最大。这里用左侧设定的堆叠在 **{data}** 上运行 {seeds} 次"
              "（不同的随机种子）：每次先在全部训练图像上不用标签逐层预训练一次，然后对每个标注样本数（{budgets}）："
              "用这么多个类别均衡的标注图像微调一份预训练网络的副本，用同样的图像从随机权重训练同一网络（轮数加倍），"
              "并在原始像素上拟合一个逻辑回归。所有模型都在同一组测试图像上评估。"},
    "stacked.budget.all": {"en": "all", "zh": "全部"},
    "stacked.budget.no_labels": {"en": "This data set has no labels: choose digits, MNIST, Fashion-MNIST or shapes.",
                                 "zh": "这个数据集没有标签：请选择 digits、MNIST、Fashion-MNIST 或 shapes。"},
    "stacked.budget.job": {"en": "Stacked AE — labels, seed {seed}", "zh": "堆叠自编码器 — 标注实验，种子 {seed}"},
    "stacked.budget.title": {"en": "Test accuracy against the number of labelled examples",
                             "zh": "测试准确率与标注样本数的关系"},
    "stacked.budget.ran": {
        "en": "{data}, layers {stack}, {epochs} epochs per layer, {ft} supervised epochs, seeds {seeds}; "
              "{secs:.0f} s from the click to the last result. Error bars: ±1 standard deviation over the seeds.",
        "zh": "{data}，各层 {stack}，每层 {epochs} 轮，有监督 {ft} 轮，随机种子 {seeds}；从点击到最后一个结果共 {secs:.0f} 秒。"
              "误差线：各种子之间的 ±1 个标准差。"},
    "stacked.budget.failed": {"en": "The label runs did not all finish ({status}); run them again.",
                              "zh": "标注样本实验没有全部完成（{status}）；请重新运行。"},
    "stacked.budget.n": {"en": "{n:,} labels", "zh": "{n:,} 个标注样本"},
    "stacked.budget.n_all": {"en": "all {n:,} labels", "zh": "全部 {n:,} 个标注样本"},
    "stacked.budget.v.everywhere": {
        "en": "Pretraining helps at every budget here: with {n0} the pretrained network reaches {p0} against {s0} "
              "from scratch ({g0} points), and it is still {gN} points ahead with {nN}.",
        "zh": "在这里每个标注预算下预训练都有帮助：用 {n0} 时，预训练网络达到 {p0}，从零训练为 {s0}（{g0} 个百分点）；"
              "用 {nN} 时仍领先 {gN} 个百分点。"},
    "stacked.budget.v.few": {
        "en": "Pretraining helps when labels are few: with {n0} the pretrained network reaches {p0} against {s0} "
              "from scratch ({g0} points), ahead on every seed up to {upto}. With more labels the gain falls under "
              "one point or is not there on every seed ({gN} points with {nN}).",
        "zh": "标注少时预训练有帮助：用 {n0} 时，预训练网络达到 {p0}，从零训练为 {s0}（{g0} 个百分点），"
              "直到 {upto} 在每个种子上都领先。标注更多时，优势不到一个百分点，或并非每个种子都领先（用 {nN} 时为 {gN} 个百分点）。"},
    "stacked.budget.v.nowhere": {
        "en": "Pretraining does not help here: at no budget is the pretrained network ahead of the same network "
              "from scratch on every seed by a point or more ({g0} points with {n0}, {gN} with {nN}).",
        "zh": "在这里预训练没有帮助：没有任何一个标注预算下预训练网络能在每个种子上都领先从零训练的同一网络一个百分点以上"
              "（用 {n0} 时 {g0} 个百分点，用 {nN} 时 {gN} 个百分点）。"},
    "stacked.budget.v.mixed": {
        "en": "Pretraining is ahead on every seed by a point or more only with {helped}: not the steady "
              "few-labels pattern, so more seeds would tell whether it is noise ({g0} points with {n0}, {gN} with {nN}).",
        "zh": "只有在 {helped} 时，预训练才在每个种子上都领先一个百分点以上：这不是“标注越少帮助越大”的稳定规律，"
              "需要更多随机种子才能判断是否只是噪声（用 {n0} 时 {g0} 个百分点，用 {nN} 时 {gN} 个百分点）。"},
    "stacked.budget.v.logreg_above": {
        "en": "A logistic regression on the raw pixels reaches {l0} with {n0}: the pretrained network is {d} points above it.",
        "zh": "在原始像素上的逻辑回归用 {n0} 达到 {l0}：预训练网络比它高 {d} 个百分点。"},
    "stacked.budget.v.logreg_below": {
        "en": "A logistic regression on the raw pixels reaches {l0} with {n0}: the pretrained network is {d} points below it.",
        "zh": "在原始像素上的逻辑回归用 {n0} 达到 {l0}：预训练网络比它低 {d} 个百分点。"},
    "stacked.l.n_labels": {"en": "labelled training examples (log scale)", "zh": "标注训练样本数（对数坐标）"},
    "stacked.l.budget_pretrained": {"en": "pretrained + fine-tuned", "zh": "预训练 + 微调"},
    "stacked.l.budget_scratch": {"en": "same network from scratch", "zh": "同一网络从零训练"},
    "stacked.l.budget_logreg": {"en": "pixels + logistic regression", "zh": "像素 + 逻辑回归"},
    "stacked.l.all": {"en": "all", "zh": "全部"},
    "stacked.l.layer": {"en": "layer {n}", "zh": "第 {n} 层"},
    "stacked.l.validation": {"en": "validation", "zh": "验证"},
    "stacked.l.layer_epoch": {"en": "epoch of the layer", "zh": "该层的训练轮数"},
    "stacked.l.recon_y": {"en": "reconstruction loss (nats)", "zh": "重建损失（奈特）"},
    "stacked.l.pretrained": {"en": "pretrained", "zh": "预训练"},
    "stacked.l.scratch": {"en": "from scratch", "zh": "从零开始"},
    "stacked.l.xent": {"en": "cross-entropy", "zh": "交叉熵"},
    "stacked.l.train_acc": {"en": "training accuracy", "zh": "训练准确率"},
    "stacked.l.ft_starts": {"en": "fine-tuning starts", "zh": "开始微调"},
    "stacked.l.sup_epoch": {"en": "supervised epoch", "zh": "有监督训练轮数"},
    "stacked.l.test_acc": {"en": "test accuracy", "zh": "测试准确率"},
    "stacked.l.share": {"en": "share", "zh": "占比"},
    "stacked.l.predicted": {"en": "predicted", "zh": "预测"},
    "stacked.l.true": {"en": "true", "zh": "真实"},
    "stacked.l.accuracy_before_finetune": {"en": "pretrained, frozen + softmax", "zh": "预训练，冻结 + softmax"},
    "stacked.l.accuracy_after_finetune": {"en": "pretrained + fine-tuned", "zh": "预训练 + 微调"},
    "stacked.l.accuracy_scratch": {"en": "random init, same budget", "zh": "随机初始化，相同预算"},
}

TEXTS: dict[str, dict[str, str]] = {**_CONTRACTIVE, **_VARIATIONAL, **_STACKED}
