"""Strings of the lessons (see ``i18n``): English and 中文, merged into ``i18n.TABLE``.

Here: the Basics page's overcomplete section (``basics.oc.*``, numbers from
``aecore.labs.overcomplete``) and the Features page (``features.*``, numbers from
``aecore.labs.features``). Figure strings: the English comes from the figure module's
``*_LABELS`` (one source), the 中文 is here.
"""

from aecore.plots import overcomplete as oc_plots

FORMULAS: dict[str, str] = {}


def _figure(prefix: str, english: dict[str, str], zh: dict[str, str]) -> dict[str, dict[str, str]]:
    missing = set(english) ^ set(zh)
    if missing:
        raise RuntimeError(f"{prefix}: translations do not match the figure's labels: {sorted(missing)}")
    return {f"{prefix}.{k}": {"en": v, "zh": zh[k]} for k, v in english.items()}


TEXTS: dict[str, dict[str, str]] = {
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

TEXTS.update(_figure("basics.oc.gap", oc_plots.GAP_LABELS,
                     {"title": "训练误差与测试误差（每像素 MSE）", "train": "训练用过的样本", "test": "测试样本",
                      "ratio": "测试为训练的 {ratio:.1f} 倍", "y": "每像素 MSE"}))
TEXTS.update(_figure("basics.oc.gain", oc_plots.GAIN_LABELS,
                     {"title": "一个小的随机扰动有多少从输出中穿过", "y": "‖f(x + ε) − f(x)‖ / ‖ε‖",
                      "identity": "恒等映射：1"}))
TEXTS.update(_figure("basics.oc.norms", oc_plots.NORM_LABELS,
                     {"title": "权重的大小（Frobenius 范数）", "enc": "编码器 ‖W<sub>enc</sub>‖", "dec": "解码器 ‖W<sub>dec</sub>‖",
                      "y": "‖W‖（Frobenius）"}))
TEXTS.update(_figure("basics.oc.probe", oc_plots.PROBE_LABELS,
                     {"title": "线性探针：在有标签的训练样本上拟合的逻辑回归", "pixels": "原始像素（{d}）",
                      "codes": "编码：{name}（{d}）", "x": "测试准确率"}))
TEXTS.update(_figure("basics.oc.nudge", oc_plots.NUDGE_LABELS,
                     {"title": "测试图像上的小随机扰动 ε（上）以及每个模型输出中穿过的部分：f(x + ε) − f(x)", "nudge": "扰动 ε"}))

