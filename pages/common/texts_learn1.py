"""Strings of the learn1 pages (see ``i18n``): English and 中文, merged into ``i18n.TABLE``.

Keys are ``<page>.<part>``. Formulas are language-free and go into ``FORMULAS``. Figure
strings: the English comes from the lab module's ``*_LABELS`` dict (one source), the 中文 is
here; ``figure_table(prefix, LABELS, zh)`` makes the keys ``<prefix>.<name>`` the pages look up.
"""

from aecore.plots import basics as basics_plots
from aecore.plots import denoising as denoising_plots
from aecore.plots import sparse as sparse_plots

FORMULAS: dict[str, str] = {}


def figure_table(prefix: str, english: dict[str, str], zh: dict[str, str]) -> dict[str, dict[str, str]]:
    missing = set(english) ^ set(zh)
    if missing:
        raise RuntimeError(f"{prefix}: translations do not match the figure's labels: {sorted(missing)}")
    return {f"{prefix}.{k}": {"en": v, "zh": zh[k]} for k, v in english.items()}


TEXTS: dict[str, dict[str, str]] = {
    # ---- shared: the note under Train when live settings reach a running job (pages/common/live.py)
    "live.sent": {"en": "{values} sent to the running job.", "zh": "{values} 已发送给正在运行的任务。"},
    "live.sent_help": {
        "en": "The learning rate and the variant's own weights (ρ, β, noise level, λ) reach a running job between two "
              "steps. Every other change applies to the next run.",
        "zh": "学习率和该变体自身的权重（ρ、β、噪声强度、λ）会在两步之间传给正在运行的任务；其他改动在下一次训练时生效。"},
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
    # ---- Sparse
    "sparse.preset": {"en": "Try: edge detectors on natural patches", "zh": "试一试：自然图像块上的边缘检测器"},
    "sparse.preset_why": {
        "en": "The classic exercise (UFLDL), set and started in one click: 8×8 patches of natural photos, "
              "64 → **25** sigmoid units → 64, ρ = 0.01, β = 3, weight decay 10⁻⁴, **L-BFGS** for 20 epochs "
              "(400 iterations, 5–10 s). The features become oriented edges, like simple cells in the visual cortex. "
              "Why L-BFGS: with Adam the code settles where every unit fires weakly (≈ ρ) on every patch — the KL "
              "term is content, the features stay noise; full-batch quasi-Newton steps get past that state.",
        "zh": "经典练习（UFLDL），一键设置并开始：自然照片中的 8×8 小块，64 → **25** 个 sigmoid 单元 → 64，ρ = 0.01，"
              "β = 3，权重衰减 10⁻⁴，用 **L-BFGS** 训练 20 轮（400 次迭代，5–10 秒）。特征会变成有方向的边缘，就像视觉"
              "皮层中的简单细胞。为什么用 L-BFGS：用 Adam 时编码会停在每个单元对每个小块都只微弱激活（≈ ρ）的状态——KL 项"
              "已满足，特征却仍是噪声；全批量的拟牛顿步可以越过这个状态。"},
    "sparse.live_hint": {"en": "While a job trains, ρ, β and the learning rate go straight to it (no restart): watch "
                               "the ρ̂ histogram move.",
                         "zh": "训练进行中时，ρ、β 和学习率会直接传给该任务（无需重启）：观察 ρ̂ 直方图的移动。"},
    "sparse.features": {"en": "Learned features: encoder weights of the {n} code units (one tile each)",
                        "zh": "学到的特征：{n} 个编码单元的编码器权重（每个单元一格）"},
    "sparse.l1.head": {"en": "KL or L1? The same sparsity, two penalties", "zh": "KL 还是 L1？同样的稀疏度，两种惩罚"},
    "sparse.l1.text": {
        "en": "The KL term pulls each unit's *average* ρ̂ⱼ toward ρ. An **L1 activity penalty** β·Σⱼ|hⱼ| charges for "
              "every bit of activity, with no target and no barrier at zero. A fair comparison needs the same mean "
              "activation, so the button estimates the L1 weight that would hold your trained model where it is and "
              "trains three L1 runs around it (×⅓, ×1, ×3) with your settings; the run whose *measured* mean "
              "activation is closest to yours is compared below.",
        "zh": "KL 项把每个单元的*平均*激活 ρ̂ⱼ 拉向 ρ。**L1 激活惩罚** β·Σⱼ|hⱼ| 则对每一点激活都收费，没有目标，在零处"
              "也没有屏障。公平的比较需要相同的平均激活，因此按钮会估计能让你训练好的模型保持原状的 L1 权重，并用你的设置"
              "在它附近训练三个 L1 模型（×⅓、×1、×3）；下面比较的是*实测*平均激活最接近你的模型的那一个。"},
    "sparse.l1.go": {"en": "Train {n} L1 runs at a matching activation", "zh": "训练 {n} 个激活相当的 L1 模型"},
    "sparse.l1.label": {"en": "Sparse AE, L1 β = {beta:.3g}", "zh": "稀疏自编码器，L1 β = {beta:.3g}"},
    "sparse.l1.needs_kl": {"en": "This comparison starts from a model trained with the KL penalty (sigmoid code).",
                           "zh": "这个比较需要一个用 KL 惩罚（sigmoid 编码）训练的模型。"},
    "sparse.l1.picked": {"en": "Closest of {n} L1 runs: β = {beta:.3g}, mean activation {act:.4f} (KL run: {target:.4f}).",
                         "zh": "{n} 个 L1 模型中最接近的：β = {beta:.3g}，平均激活 {act:.4f}（KL 模型：{target:.4f}）。"},
    "sparse.l1.kl_features": {"en": "Features with the KL penalty", "zh": "KL 惩罚下的特征"},
    "sparse.l1.l1_features": {"en": "Features with the L1 penalty", "zh": "L1 惩罚下的特征"},
    "sparse.col.run": {"en": "run", "zh": "模型"},
    "sparse.col.penalty": {"en": "penalty", "zh": "惩罚"},
    "sparse.col.beta": {"en": "β", "zh": "β"},
    "sparse.try": {
        "en": "- Press **Try: edge detectors on natural patches**: oriented edges fill the mosaic within seconds.\n"
              "- Set epochs to **200**, press **Train** and move ρ from 0.05 to 0.01 while it runs: the histogram "
              "slides left and the penalty curve jumps, then falls.\n"
              "- Set β to **0**: the histogram spreads out and the lifetime sparsity drops.\n"
              "- On patches, switch the optimizer to **Adam**: the mean activation still meets ρ, but the lifetime "
              "sparsity collapses and the mosaic turns to noise.\n"
              "- Train the L1 runs: which penalty leaves more dead or always-on units?",
        "zh": "- 点击 **试一试：自然图像块上的边缘检测器**：几秒钟内，拼图中就会出现有方向的边缘。\n"
              "- 把训练轮数设为 **200**，点击 **训练**，在训练进行中把 ρ 从 0.05 调到 0.01：直方图向左移动，惩罚曲线先跳"
              "起再下降。\n"
              "- 把 β 设为 **0**：直方图散开，单元稀疏度下降。\n"
              "- 在 patches 上把优化器换成 **Adam**：平均激活仍满足 ρ，但单元稀疏度骤降，拼图变成噪声。\n"
              "- 训练 L1 模型：哪种惩罚留下更多死亡或常开的单元？"},
    # ---- Denoising
    "denoising.view_level": {"en": "Corruption shown ({noise})", "zh": "显示的破坏程度（{noise}）"},
    "denoising.view_level_help": {"en": "The images below are corrupted at this level; the model was trained at the "
                                        "level set in the panel.",
                                  "zh": "下面的图像按这个强度被破坏；模型是在设置面板中的强度下训练的。"},
    "denoising.sweep.head": {"en": "Where does denoising pay off? PSNR against noise level",
                             "zh": "去噪在哪里有用？PSNR 随噪声强度的变化"},
    "denoising.sweep.text": {
        "en": "Every method gets the same corrupted test images at six noise levels and is scored by PSNR against "
              "the clean images (higher is better). **PCA** keeps as many components as your code and projects the "
              "corrupted input; the **plain AE** has your architecture and training budget but never saw noise; the "
              "dashed line is the corrupted input itself.",
        "zh": "每种方法都处理同样的、在六个噪声强度下被破坏的测试图像，并按与干净图像相比的 PSNR 打分（越高越好）。"
              "**PCA** 保留与你的编码同样多的主成分，对被破坏的输入做投影；**普通自编码器**与你的网络结构和训练量相同，"
              "但从未见过噪声；虚线是被破坏的输入本身。"},
    "denoising.sweep.go": {"en": "Train the plain AE of the same size (code {k})", "zh": "训练同样大小的普通自编码器（编码 {k}）"},
    "denoising.sweep.label": {"en": "Plain AE (PSNR control)", "zh": "普通自编码器（PSNR 对照）"},
    "denoising.sweep.title": {"en": "PSNR on test images, {noise} noise", "zh": "测试图像的 PSNR，{noise}噪声"},
    "denoising.sweep.rows": {"en": "Scored on {n} test images. Each level draws its own noise, so the value at the "
                                   "trained level differs a little from the tiles above.",
                             "zh": "在 {n} 张测试图像上评分。每个强度单独抽取噪声，因此训练强度处的数值与上方指标略有不同。"},
    # the same for data that are not images (i18n.t_data)
    "denoising.sweep.text.rows": {
        "en": "Every method gets the same corrupted test rows at six noise levels and is scored by PSNR against "
              "the clean rows (higher is better). **PCA** keeps as many components as your code and projects the "
              "corrupted input; the **plain AE** has your architecture and training budget but never saw noise; the "
              "dashed line is the corrupted input itself.",
        "zh": "每种方法都处理同样的、在六个噪声强度下被破坏的测试数据行，并按与干净数据相比的 PSNR 打分（越高越好）。"
              "**PCA** 保留与你的编码同样多的主成分，对被破坏的输入做投影；**普通自编码器**与你的网络结构和训练量相同，"
              "但从未见过噪声；虚线是被破坏的输入本身。"},
    "denoising.sweep.title.rows": {"en": "PSNR on test rows, {noise} noise", "zh": "测试数据行的 PSNR，{noise}噪声"},
    "denoising.sweep.rows.rows": {"en": "Scored on {n} test rows. Each level draws its own noise, so the value at the "
                                        "trained level differs a little from the tiles above.",
                                  "zh": "在 {n} 行测试数据上评分。每个强度单独抽取噪声，因此训练强度处的数值与上方指标略有不同。"},
    "denoising.sweep.wins": {"en": "Measured: the denoising AE is {against} at {n} of {total} levels ({levels}).",
                             "zh": "测量结果：在 {total} 个强度中的 {n} 个（{levels}），去噪自编码器{against}。"},
    "denoising.sweep.no_wins": {"en": "Measured: at no level is the denoising AE {against}.",
                                "zh": "测量结果：没有任何强度下去噪自编码器{against}。"},
    "denoising.sweep.vs_both": {"en": "ahead of both the plain AE and PCA", "zh": "同时领先于普通自编码器和 PCA"},
    "denoising.sweep.vs_pca": {"en": "ahead of PCA (train the plain AE to compare with it too)",
                               "zh": "领先于 PCA（训练普通自编码器后也可与之比较）"},
    "denoising.toy.head": {"en": "The score view: a denoising field in 2-D", "zh": "得分视角：二维中的去噪向量场"},
    "denoising.toy.text": {
        "en": "In 2-D we can draw what a DAE does everywhere. Train a small one (2 → 64 → 8 → 64 → 2, tanh, Gaussian "
              "noise) on a toy set; every grid point x then gets an arrow r(x) − x. For small noise this field "
              "approximates σ²∇log p(x) (Alain & Bengio, 2014): it points toward where data is likely — the "
              "**score**. The black paths repeat x ← r(x) from random starts and end on the data.",
        "zh": "在二维中，我们可以画出去噪自编码器在每一处的作用。在玩具数据上训练一个小网络（2 → 64 → 8 → 64 → 2，tanh，"
              "高斯噪声）；然后每个网格点 x 都得到一个箭头 r(x) − x。噪声较小时，这个场近似于 σ²∇log p(x)"
              "（Alain & Bengio, 2014）：它指向数据更可能出现的地方——即**得分函数**。黑色路径从随机起点反复执行 "
              "x ← r(x)，最终落在数据上。"},
    "denoising.toy.data": {"en": "2-D toy", "zh": "二维玩具数据"},
    "denoising.toy.sigma": {"en": "Training noise σ", "zh": "训练噪声 σ"},
    "denoising.toy.go": {"en": "Train the toy DAE", "zh": "训练玩具去噪自编码器"},
    "denoising.toy.label": {"en": "Denoising AE on {data}", "zh": "{data} 上的去噪自编码器"},
    "denoising.toy.title": {"en": "Denoising field r(x) − x on {data} (trained with σ = {sigma:g})",
                            "zh": "{data} 上的去噪场 r(x) − x（训练 σ = {sigma:g}）"},
    "denoising.toy.measured": {
        "en": "Measured at {n} grid points away from the data: mean cosine between r(x) − x and the direction to the "
              "nearest data point {cos:.2f} ({frac:.0%} point toward the data). The paths' last step is {step:.3f} "
              "long on average.",
        "zh": "在远离数据的 {n} 个网格点上测量：r(x) − x 与指向最近数据点方向的平均余弦为 {cos:.2f}（{frac:.0%} 指向数据）。"
              "路径最后一步的平均长度为 {step:.3f}。"},
    "denoising.try": {
        "en": "- Train the plain AE, then raise the noise level to **0.6** and train both again: where do the curves "
              "cross now?\n"
              "- Switch to **masking** at 0.5: the DAE fills in missing strokes.\n"
              "- Move *Corruption shown* above the trained level: the DAE keeps cleaning, up to a point.\n"
              "- Set the noise level to **0**: the DAE becomes a plain AE and its lead in the sweep is gone.\n"
              "- On the toy, try **spiral** with σ = 0.1 and σ = 0.5: small noise follows the arms, large noise "
              "blurs them together.",
        "zh": "- 先训练普通自编码器，然后把噪声强度调到 **0.6** 并重新训练两者：曲线现在在哪里交叉？\n"
              "- 改用 **遮挡**，强度 0.5：去噪自编码器会补上缺失的笔画。\n"
              "- 把“显示的破坏程度”调到高于训练强度：去噪自编码器仍能清理，但有限度。\n"
              "- 把噪声强度设为 **0**：去噪自编码器变成普通自编码器，它在曲线上的领先也消失了。\n"
              "- 在玩具数据上试试 **spiral**，分别用 σ = 0.1 和 σ = 0.5：小噪声沿着螺旋臂，大噪声把它们模糊在一起。"},
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
TEXTS.update(figure_table("sparse.rho", sparse_plots.RHO_LABELS,
                     {"title": "每个编码单元的平均激活 ρ̂ⱼ", "x": "ρ̂ⱼ（测试图像上的平均激活）", "y": "单元数",
                      "target": "ρ = {rho:g}", "mean": "平均 {mean:.3f}"}))
TEXTS.update(figure_table("sparse.kl", sparse_plots.KL_LABELS,
                     {"title": "每轮的稀疏惩罚", "x": "轮", "y_kl": "Σⱼ KL(ρ ‖ ρ̂ⱼ)（奈特）", "y_l1": "平均 Σⱼ |hⱼ|",
                      "empty": "还没有完成的轮次"}))
TEXTS.update(figure_table("sparse.heat", sparse_plots.HEATMAP_LABELS,
                     {"title": "激活：测试样本 × 单元（按 ρ̂ⱼ 排序）", "x": "单元（按平均激活排序）", "y": "测试样本"}))
TEXTS.update(figure_table("denoising.sweep", denoising_plots.SWEEP_LABELS,
                     {"title": "测试图像的 PSNR，{noise}噪声", "noisy": "被破坏的输入", "dae": "去噪自编码器",
                      "plain": "普通自编码器（同样大小）", "pca": "PCA，k = {k}", "trained": "训练强度",
                      "x_gaussian": "噪声强度（σ）", "x_other": "噪声强度（被破坏的比例）", "y": "PSNR（dB），越高越好"}))
TEXTS.update(figure_table("denoising.field", denoising_plots.FIELD_LABELS,
                     {"title": "去噪场 r(x) − x", "data": "数据", "corrupted": "被破坏的点", "field": "r(x) − x",
                      "paths": "x ← r(x)", "end": "终点"}))
