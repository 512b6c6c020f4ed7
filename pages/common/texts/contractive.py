"""Strings of the Contractive page (``pages/contractive.py``), English and 中文: the keys ``contractive.*``.

Its formula, ``FORMULAS["contractive"]``, is language-free and drawn with ``st.latex``.
``contractive.l.<name>`` are the figure texts of ``aecore.plots.contractive`` (its ``LABELS``, same names).
``pages/common/texts/__init__.py`` merges every module's ``TEXTS`` into ``i18n.TABLE``.
"""

from __future__ import annotations

FORMULAS: dict[str, str] = {
    "contractive": r"\mathcal{L} = \lVert x - \hat x \rVert^2 + \lambda\, \lVert J_\phi(x) \rVert_F^2,"
                   r"\qquad J_\phi(x) = \frac{\partial h}{\partial x}",
}

TEXTS: dict[str, dict[str, str]] = {
    # ---- placeholders of multiselects (Streamlit's own is English: "Choose options")
    "contractive.points_placeholder": {"en": "Choose test points", "zh": "选择测试点"},
    # ---- Learn pages
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
