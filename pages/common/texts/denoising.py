"""Strings of the Denoising page (``pages/denoising.py``), English and 中文: the keys ``denoising.*``.

Its formula, ``FORMULAS["denoising"]``, is language-free and drawn with ``st.latex``. Figure strings: the
English comes from the figure module's ``*_LABELS`` (``aecore.plots.denoising``, one source), the 中文 is
here; ``figure_table(prefix, LABELS, zh)`` makes the keys ``<prefix>.<name>`` the page looks up.
``pages/common/texts/__init__.py`` merges every module's ``TEXTS`` into ``i18n.TABLE``.
"""

from __future__ import annotations

from aecore.plots import denoising as denoising_plots

from ._figures import figure_table

FORMULAS: dict[str, str] = {
    "denoising": r"\mathcal{L} = \big\lVert x - \psi\big(\phi(\tilde x)\big) \big\rVert^2,"
                 r"\qquad \tilde x \sim q(\tilde x \mid x)",
}

TEXTS: dict[str, dict[str, str]] = {
    # ---- Learn pages
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
    "denoising.figure": {"en": "Clean, corrupted and denoised test images", "zh": "干净、被破坏和去噪后的测试图像"},
    "denoising.row_noisy": {"en": "corrupted", "zh": "被破坏"},
    "denoising.row_denoised": {"en": "denoised", "zh": "去噪后"},
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
    "denoising.figure.rows": {"en": "Clean, corrupted and denoised test examples",
                              "zh": "干净、被破坏和去噪后的测试样本"},
}

# ---- figure strings (English from the lab modules)
TEXTS.update(figure_table("denoising.sweep", denoising_plots.SWEEP_LABELS,
                     {"title": "测试图像的 PSNR，{noise}噪声", "noisy": "被破坏的输入", "dae": "去噪自编码器",
                      "plain": "普通自编码器（同样大小）", "pca": "PCA，k = {k}", "trained": "训练强度",
                      "x_gaussian": "噪声强度（σ）", "x_other": "噪声强度（被破坏的比例）", "y": "PSNR（dB），越高越好"}))
TEXTS.update(figure_table("denoising.field", denoising_plots.FIELD_LABELS,
                     {"title": "去噪场 r(x) − x", "data": "数据", "corrupted": "被破坏的点", "field": "r(x) − x",
                      "paths": "x ← r(x)", "end": "终点"}))
