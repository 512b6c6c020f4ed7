"""Strings of the Sparse page (``pages/sparse.py``), English and 中文: the keys ``sparse.*``.

Its formula, ``FORMULAS["sparse"]``, is language-free and drawn with ``st.latex``. Figure strings: the
English comes from the figure module's ``*_LABELS`` (``aecore.plots.sparse``, one source), the 中文 is here;
``figure_table(prefix, LABELS, zh)`` makes the keys ``<prefix>.<name>`` the page looks up.
``pages/common/texts/__init__.py`` merges every module's ``TEXTS`` into ``i18n.TABLE``.
"""

from __future__ import annotations

from aecore.plots import sparse as sparse_plots

from ._figures import figure_table

FORMULAS: dict[str, str] = {
    "sparse": r"\mathcal{L} = \lVert x - \hat x \rVert^2 + \beta \sum_{j} \mathrm{KL}(\rho \,\Vert\, \hat\rho_j),"
              r"\qquad \hat\rho_j = \frac1N \sum_i h_j(x_i)",
}

TEXTS: dict[str, dict[str, str]] = {
    # ---- Learn pages
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
}

# ---- figure strings (English from the lab modules)
TEXTS.update(figure_table("sparse.rho", sparse_plots.RHO_LABELS,
                     {"title": "每个编码单元的平均激活 ρ̂ⱼ", "x": "ρ̂ⱼ（测试图像上的平均激活）", "y": "单元数",
                      "target": "ρ = {rho:g}", "mean": "平均 {mean:.3f}"}))
TEXTS.update(figure_table("sparse.kl", sparse_plots.KL_LABELS,
                     {"title": "每轮的稀疏惩罚", "x": "轮", "y_kl": "Σⱼ KL(ρ ‖ ρ̂ⱼ)（奈特）", "y_l1": "平均 Σⱼ |hⱼ|",
                      "empty": "还没有完成的轮次"}))
TEXTS.update(figure_table("sparse.heat", sparse_plots.HEATMAP_LABELS,
                     {"title": "激活：测试样本 × 单元（按 ρ̂ⱼ 排序）", "x": "单元（按平均激活排序）", "y": "测试样本"}))
