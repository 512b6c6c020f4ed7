"""Strings of the Basics & PCA page (``pages/basics.py``), English and 中文: the keys ``basics.*``.

Its formula, ``FORMULAS["basics"]``, is language-free and drawn with ``st.latex``. The overcomplete section
(``basics.oc.*``, ``overcomplete_section``) takes its numbers from ``aecore.labs.overcomplete``. Figure
strings: the English comes from the figure module's ``*_LABELS`` (``aecore.plots.basics``,
``aecore.plots.overcomplete``, one source), the 中文 is here; ``figure_table(prefix, LABELS, zh)`` makes the
keys ``<prefix>.<name>`` the page looks up. ``pages/common/texts/__init__.py`` merges every module's
``TEXTS`` into ``i18n.TABLE``.
"""

from __future__ import annotations

from aecore.plots import basics as basics_plots
from aecore.plots import overcomplete as oc_plots

from ._figures import figure_table

FORMULAS: dict[str, str] = {
    "basics": r"\min_{\phi,\psi}\ \frac1N \sum_{i=1}^N \lVert x_i - \psi(\phi(x_i)) \rVert^2",
}

TEXTS: dict[str, dict[str, str]] = {
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
    # ---- optimizer choice (Basics and Sparse)
    "basics.optimizer": {"en": "Optimizer", "zh": "优化器"},
    "basics.optimizer_help": {
        "en": "Adam takes many small steps on minibatches. L-BFGS uses the whole training set at once: one epoch is 20 "
              "quasi-Newton iterations, and its learning rate is best left at 1. Switching sets the usual learning rate.",
        "zh": "Adam 在小批量上走很多小步。L-BFGS 每次使用整个训练集：一轮包含 20 次拟牛顿迭代，学习率最好保持为 1。"
              "切换优化器时会自动设置其常用学习率。"},
    "basics.opt.adam": {"en": "Adam (minibatches)", "zh": "Adam（小批量）"},
    "basics.opt.lbfgs": {"en": "L-BFGS (full batch)", "zh": "L-BFGS（全批量）"},
    # ---- Basics & PCA
    "basics.preset": {"en": "Try: a linear AE finds PCA", "zh": "试一试：线性自编码器找到 PCA"},
    "basics.preset_why": {
        "en": "Sets a **linear** network with a 16-number code, trained by **full-batch L-BFGS** for 25 epochs "
              "(500 iterations, about a second of training), and starts it. Why not Adam? Its noisy minibatch steps "
              "bring the error towards PCA's long before they find the subspace: the weakest directions stay tens "
              "of degrees off. Pinning the exact subspace needs (near) full-batch steps.",
        "zh": "设置一个编码为 16 维的**线性**网络，用**全批量 L-BFGS** 训练 25 轮（500 次迭代，训练约一秒）并立即开始。"
              "为什么不用 Adam？它带噪声的小批量步骤能让误差逐渐接近 PCA，但远在找到子空间之前：最弱的几个方向仍偏离几十度。"
              "要准确找到这个子空间，需要（接近）全批量的优化步。"},
    "basics.recon.head": {"en": "test MSE of these {n}: {mse:.4g}", "zh": "这 {n} 张的测试 MSE：{mse:.4g}"},
    "basics.pca.head": {"en": "Linear AE vs PCA", "zh": "线性自编码器与 PCA"},
    "basics.pca.text": {
        "en": "PCA keeps the top k principal directions of the training data. A **linear** autoencoder with a k-number "
              "code and squared error cannot beat it, and at its optimum the decoder spans exactly the same "
              "k-dimensional subspace (Baldi & Hornik, 1989) — in an arbitrary basis, because any invertible mix of "
              "the components reconstructs equally well. Left: PCA's test error for every k, with your model as a "
              "point. Right: the principal angles between the two subspaces (0° = the same direction).",
        "zh": "PCA 保留训练数据最主要的 k 个主方向。编码为 k 维、使用平方误差的**线性**自编码器不可能比它更好；"
              "在最优点，解码器张成的正是同一个 k 维子空间（Baldi & Hornik, 1989）——但基是任意的，因为主成分的"
              "任意可逆组合重建效果都一样。左图：PCA 在每个 k 下的测试误差，你的模型是其中一个点。右图：两个子空间"
              "之间的主角（0° 表示方向相同）。"},
    "basics.pca.model": {"en": "your AE (k = {k})", "zh": "你的自编码器（k = {k}）"},
    "basics.pca.nonlinear": {
        "en": "Your model is **nonlinear**: its decoder is not one matrix, so there is no subspace to compare, and it "
              "may land *below* the PCA curve. Press **Try: a linear AE finds PCA** above (or choose activation "
              "*linear* in Advanced mode) to see the angles and the basis.",
        "zh": "你的模型是**非线性**的：解码器不是一个矩阵，没有可比较的子空间，它的误差也可能*低于* PCA 曲线。"
              "点击上方的 **试一试：线性自编码器找到 PCA**（或在高级模式中选择激活函数*线性*），即可看到夹角和基。"},
    "basics.pca.too_wide": {"en": "The code ({k}) is wider than the input ({d}); PCA has at most {d} components. "
                                  "See *Overcomplete codes* below.",
                            "zh": "编码（{k}）比输入（{d}）更宽；PCA 最多只有 {d} 个主成分。见下方“过完备编码”。"},
    "basics.pca.read": {
        "en": "Measured (the same numbers as `python -m aecore evaluate`): test MSE {mse:.4g}, PCA with the same k "
              "{pca:.4g}; largest principal angle {angle:.1f}°; after rotating the decoder's basis onto the "
              "components, the worst match has |cos| = {cos:.3f}. Part of any small angle left comes from the data: "
              "the AE trains on 90 % of the training rows (10 % are held out for validation), PCA on all of them.",
        "zh": "测量结果（与 `python -m aecore evaluate` 相同）：测试 MSE {mse:.4g}，相同 k 的 PCA 为 {pca:.4g}；"
              "最大主角 {angle:.1f}°；把解码器的基旋转到主成分上后，最差的匹配 |cos| = {cos:.3f}。剩下的小角度部分"
              "来自数据：自编码器只用 90% 的训练样本（10% 留作验证），而 PCA 用了全部样本。"},
    "basics.pca.rows": {"en": "On this large set the figures fit PCA on {n:,} training rows; the numbers use all rows.",
                        "zh": "在这个大数据集上，图中的 PCA 用 {n:,} 个训练样本拟合；数值使用全部样本。"},
    "basics.over.head": {"en": "Overcomplete codes: what stops the copy?", "zh": "过完备编码：是什么阻止了直接复制？"},
    "basics.loss.head": {"en": "Squared error or cross-entropy? Two likelihoods", "zh": "平方误差还是交叉熵？两种似然"},
    "basics.loss.text": {
        "en": "Training minimizes −log p(x | x̂), the negative log-likelihood of the input under the decoder's output. "
              "**Squared error** is that for a Gaussian with unit variance: ½(x − x̂)² + const. **Cross-entropy** is "
              "that for a Bernoulli pixel: −x log x̂ − (1 − x) log(1 − x̂), for data in [0, 1] with a sigmoid output. "
              "Below, one pixel's loss against the prediction x̂: both are smallest at x̂ = x, but cross-entropy "
              "climbs steeply towards the wrong extreme and, for a grey target, never reaches 0 (its minimum is the "
              "pixel's entropy). The choice here applies to the next **Train**.",
        "zh": "训练最小化 −log p(x | x̂)，即在解码器输出下输入的负对数似然。**平方误差**对应方差为 1 的高斯分布："
              "½(x − x̂)² + 常数。**交叉熵**对应伯努利像素：−x log x̂ − (1 − x) log(1 − x̂)，用于 [0, 1] 范围的数据和 "
              "sigmoid 输出。下图是单个像素的损失随预测值 x̂ 的变化：两者都在 x̂ = x 处最小，但交叉熵在错误的一端急剧"
              "上升；对灰色目标，它永远到不了 0（最小值是该像素的熵）。这里的选择在下一次 **训练** 时生效。"},
    "basics.loss.mse": {"en": "squared error (Gaussian)", "zh": "平方误差（高斯）"},
    "basics.loss.bce": {"en": "cross-entropy (Bernoulli)", "zh": "交叉熵（伯努利）"},
    "basics.loss.measured": {"en": "Your model was trained with {loss}: test MSE {mse:.4g}, test cross-entropy {bce:.4g} "
                                   "nats per pixel.",
                             "zh": "你的模型使用{loss}训练：测试 MSE {mse:.4g}，测试交叉熵每像素 {bce:.4g} 奈特。"},
    "basics.try": {
        "en": "- Press **Try: a linear AE finds PCA**, then switch the optimizer to **Adam** and train again: the test "
              "MSE rises and the largest principal angle jumps towards 90° — the minibatch steps have not found the "
              "subspace yet.\n"
              "- With the linear preset, set the code size to **4**: the decoder columns are blurry mixtures, the "
              "rotated basis matches the principal components one by one.\n"
              "- Set the code size to **2**, then **32**: follow your model along the PCA curve.\n"
              "- Train the overcomplete runs and compare the red–blue rows: the plain run gives the random nudge back "
              "almost unchanged, weight decay lets only part of it through.\n"
              "- Choose **cross-entropy (Bernoulli)** and train: compare the test MSE with the squared-error run.",
        "zh": "- 点击 **试一试：线性自编码器找到 PCA**，然后把优化器切换为 **Adam** 再训练一次：测试 MSE 上升，"
              "最大主角跳向 90°——小批量步骤还没有找到这个子空间。\n"
              "- 在线性预设下把编码维度设为 **4**：解码器的列是模糊的混合，旋转后的基则与主成分一一对应。\n"
              "- 把编码维度设为 **2**，再设为 **32**：看你的模型沿着 PCA 曲线移动。\n"
              "- 训练三个过完备模型，比较红蓝两色的几行：普通模型几乎原样给回随机扰动，权重衰减只让其中一部分穿过。\n"
              "- 选择 **交叉熵（伯努利）** 并训练：与平方误差的结果比较测试 MSE。"},
    # ---- Basics: overcomplete codes (pages/basics.py, overcomplete_section)
    "basics.oc.text": {
        "en": "With a code **wider than the input** nothing in the loss forces compression: the network can hold "
              "the input unchanged and copy it. The button trains one such network three times on the same "
              "**{rows} training rows** of {data} (few rows, so that fitting them and generalizing can differ): "
              "code {k} > input {d}, a linear code, Adam at 10⁻² for {epochs} epochs — **plain**, with **early "
              "stopping** (it stops after {patience} epochs without gain on the 20 % validation rows) and with "
              "**weight decay** (λ = {wd:g}). Then it measures the train/test gap, how close the map is to a copy "
              "(how much of a small random nudge of a test image comes out), the size of the encoder's and the "
              "decoder's weights, and a linear probe on the codes.",
        "zh": "当编码**比输入更宽**时，损失函数中没有任何东西强迫网络压缩：它可以原样保存输入并复制出来。下面的按钮在 "
              "{data} 的同样 **{rows} 个训练样本**上（样本少，拟合与泛化才会拉开差距）把同一个网络训练三次：编码 {k} > "
              "输入 {d}，线性编码，Adam 学习率 10⁻²，训练 {epochs} 轮——**普通**、带**早停**（在 20 % 的验证样本上"
              "连续 {patience} 轮没有改进就停止）和带**权重衰减**（λ = {wd:g}）。然后测量训练/测试差距、映射离“复制”"
              "有多近（测试图像受到一个小的随机扰动后，有多少扰动从网络输出中穿过）、编码器和解码器权重的大小，以及"
              "编码上的线性探针。"},
    "basics.oc.go": {"en": "Train the 3 overcomplete runs ({rows} rows, code {k} > input {d})",
                     "zh": "训练 3 个过完备模型（{rows} 个样本，编码 {k} > 输入 {d}）"},
    "basics.oc.plain": {"en": "plain", "zh": "普通"},
    "basics.oc.early_stopping": {"en": "early stopping", "zh": "早停"},
    "basics.oc.weight_decay": {"en": "weight decay", "zh": "权重衰减"},
    "basics.oc.label": {"en": "Overcomplete AE · {name}", "zh": "过完备自编码器 · {name}"},
    "basics.oc.row": {
        "en": "**{name}**: train MSE {train:.3g}, test MSE {test:.3g} ({ratio:.1f}×) — {status} after {epochs:g} of "
              "{planned} epochs.",
        "zh": "**{name}**：训练 MSE {train:.3g}，测试 MSE {test:.3g}（{ratio:.1f} 倍）——训练 {epochs:g}/{planned} 轮后"
              "{status}。"},
    "basics.oc.read_gap": {
        "en": "**What the numbers show.** The plain run's test error is **{ratio:.1f}×** its error on the rows it "
              "trained on: with {rows} rows the wide network fits what it saw much better than new images.",
        "zh": "**数字说明了什么。** 普通模型的测试误差是它在训练样本上误差的 **{ratio:.1f} 倍**：只有 {rows} 个样本时，"
              "这个宽网络对见过的图像拟合得远好于新图像。"},
    "basics.oc.read_copy": {
        "en": "It passes **{gain:.0%}** of a small random nudge through (a copy passes 100 %): off the data, the "
              "map is as good as the identity.",
        "zh": "它让一个小的随机扰动穿过了 **{gain:.0%}**（复制会让 100 % 穿过）：在数据之外，这个映射几乎就是恒等映射。"},
    "basics.oc.read_nocopy": {
        "en": "It passes {gain:.0%} of a small random nudge through (a copy passes 100 %).",
        "zh": "它让一个小的随机扰动穿过了 {gain:.0%}（复制会让 100 % 穿过）。"},
    "basics.oc.read_early": {
        "en": "**Early stopping** ended after {epochs:g} of {planned} epochs: test error {change:+.0%} against plain, "
              "nudge passed {gain:.0%}.",
        "zh": "**早停**在 {planned} 轮中的第 {epochs:g} 轮结束：测试误差相对普通模型 {change:+.0%}，扰动穿过 {gain:.0%}。"},
    "basics.oc.read_decay": {
        "en": "**Weight decay**: test error {change:+.0%} against plain, nudge passed {gain:.0%}. It makes the weights "
              "smaller and evens them out — norms ‖W‖ of {enc:.1f} (encoder) and {dec:.1f} (decoder), against {penc:.1f} "
              "and {pdec:.1f} for plain: with a linear code any scale can move from the encoder to the decoder without changing x̂, "
              "and the L2 penalty is smallest when both are the same size.",
        "zh": "**权重衰减**：测试误差相对普通模型 {change:+.0%}，扰动穿过 {gain:.0%}。它让权重变小并变得均衡——"
              "编码器 ‖W‖ = {enc:.1f}、解码器 ‖W‖ = {dec:.1f}，普通模型为 {penc:.1f} 和 {pdec:.1f}：线性编码下，任意缩放都可以"
              "从编码器挪到解码器而不改变 x̂，而 L2 惩罚在两者一样大时最小。"},
    "basics.oc.read_best": {"en": "Lowest test error: **{name}**.", "zh": "测试误差最低的是：**{name}**。"},
    "basics.oc.read_probe_same": {
        "en": "The linear probe reads the class from the best codes at {probe:.1%}, {diff:+.1f} points against the raw "
              "pixels: the wide codes keep the pixels' information but do not make the classes easier to read — a "
              "re-encoding of the input, not a better representation. Penalties that make a wide code *useful* "
              "are the next pages: sparsity, noise, contraction.",
        "zh": "线性探针从最好的编码中读出类别的准确率为 {probe:.1%}，比原始像素 {diff:+.1f} 个百分点：宽编码保留了像素的"
              "信息，却没有让类别更容易读出——它只是输入的另一种写法，而不是更好的表示。让宽编码变得*有用*的惩罚项在后面"
              "几页：稀疏、噪声、收缩。"},
    "basics.oc.read_probe_better": {
        "en": "The linear probe reads the class from the best codes at {probe:.1%}, {diff:+.1f} points above the raw "
              "pixels.",
        "zh": "线性探针从最好的编码中读出类别的准确率为 {probe:.1%}，比原始像素高 {diff:+.1f} 个百分点。"},
    "basics.oc.other_data": {
        "en": "These runs were trained on {data}; the panel now shows {now}. Press the button to train them on the "
              "panel's data set.",
        "zh": "这些模型是在 {data} 上训练的；面板现在选的是 {now}。点击按钮可在面板的数据集上重新训练。"},
}

# ---- figure strings (English from the lab modules)
TEXTS.update(figure_table("basics.recon", {k: v for k, v in basics_plots.RECON_LABELS.items() if k != "head"},
                     {"original": "原图", "reconstruction": "重建", "error": "平方误差", "example": "样本",
                      "feature": "特征"}))
TEXTS.update(figure_table("basics.pca.curve", basics_plots.PCA_CURVE_LABELS,
                     {"title": "测试 MSE：每个 k 的 PCA，以及自编码器", "curve": "PCA，前 k 个主成分",
                      "pca_at": "k = {k} 时的 PCA", "x": "编码维度 k（保留的主成分数）", "y": "每个元素的测试 MSE",
                      "code": "编码维度"}))
TEXTS.update(figure_table("basics.pca.angles", basics_plots.ANGLE_LABELS,
                     {"title": "与前 {k} 个主成分的主角（最大 {max:.1f}°）", "x": "主角序号（从小到大）", "y": "度",
                      "angle": "主角"}))
TEXTS.update(figure_table("basics.pca.basis", basics_plots.BASIS_LABELS,
                     {"title": "解码器的基与主成分（旋转后平均 |cos| {cos:.3f}）", "decoder": "解码器的列",
                      "rotated": "旋转到主成分", "pcs": "主成分", "component": "第 {i} 个分量（|cos| {cos:.3f}）",
                      "feature": "特征"}))
TEXTS.update(figure_table("basics.loss.fig", basics_plots.LIKELIHOOD_LABELS,
                     {"title": "单个像素的损失：高斯似然与伯努利似然", "panel": "目标 x = {x:g}",
                      "gaussian": "高斯（MSE）：½(x − x̂)²", "bernoulli": "伯努利（交叉熵）：−x log x̂ − (1−x) log(1−x̂)",
                      "x": "预测值 x̂", "y": "−log p(x | x̂)（奈特）"}))

# ---- Basics: overcomplete codes (pages/basics.py, overcomplete_section)
TEXTS.update(figure_table("basics.oc.gap", oc_plots.GAP_LABELS,
                     {"title": "训练误差与测试误差（每像素 MSE）", "train": "训练用过的样本", "test": "测试样本",
                      "ratio": "测试为训练的 {ratio:.1f} 倍", "y": "每像素 MSE"}))
TEXTS.update(figure_table("basics.oc.gain", oc_plots.GAIN_LABELS,
                     {"title": "一个小的随机扰动有多少从输出中穿过", "y": "‖f(x + ε) − f(x)‖ / ‖ε‖",
                      "identity": "恒等映射：1"}))
TEXTS.update(figure_table("basics.oc.norms", oc_plots.NORM_LABELS,
                     {"title": "权重的大小（Frobenius 范数）", "enc": "编码器 ‖W<sub>enc</sub>‖", "dec": "解码器 ‖W<sub>dec</sub>‖",
                      "y": "‖W‖（Frobenius）"}))
TEXTS.update(figure_table("basics.oc.probe", oc_plots.PROBE_LABELS,
                     {"title": "线性探针：在有标签的训练样本上拟合的逻辑回归", "pixels": "原始像素（{d}）",
                      "codes": "编码：{name}（{d}）", "x": "测试准确率"}))
TEXTS.update(figure_table("basics.oc.nudge", oc_plots.NUDGE_LABELS,
                     {"title": "测试图像上的小随机扰动 ε（上）以及每个模型输出中穿过的部分：f(x + ε) − f(x)", "nudge": "扰动 ε"}))
