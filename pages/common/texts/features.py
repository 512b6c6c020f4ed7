"""Strings of the Learned features page (``pages/features.py``), English and 中文: the keys ``features.*``.

Its numbers come from ``aecore.labs.features``. Figure strings: the English comes from the figure module's
``*_LABELS`` (``aecore.plots.features``, one source), the 中文 is here; ``figure_table(prefix, LABELS, zh)``
makes the keys ``<prefix>.<name>`` the page looks up. ``pages/common/texts/__init__.py`` merges every
module's ``TEXTS`` into ``i18n.TABLE``.
"""

from __future__ import annotations

from aecore.plots import features as features_plots

from ._figures import figure_table

TEXTS: dict[str, dict[str, str]] = {
    # ---- the Features page (pages/features.py)
    "features.explain": {
        "en": "Are the features an autoencoder learns better than the ones people design? The fair test: **one** "
              "classifier — a logistic regression on standardized features — trained on the **same** few labelled "
              "images (the same number of each class) and scored on the same test images, for every feature set. "
              "Hand-crafted: the raw pixels, PCA, a random projection, HOG (histograms of gradient directions in "
              "small cells) and a bank of Gabor filters (oriented stripes at two scales, their response averaged "
              "over a 4 × 4 grid). Learned: the code of each autoencoder of the previous pages, trained on the "
              "images without their labels. The stack is only pretrained here: its fine-tuning would use every label.",
        "zh": "自编码器学到的特征比人设计的更好吗？公平的比较是：对每一种特征都使用**同一个**分类器——在标准化特征上"
              "训练的逻辑回归——用**同样**少量的有标签图像（每类数量相同）训练，在同样的测试图像上打分。人工特征："
              "原始像素、PCA、随机投影、HOG（小格子里梯度方向的直方图）和一组 Gabor 滤波器（两种尺度下不同方向的条纹，"
              "响应在 4 × 4 网格上取平均）。学到的特征：前面几页中每种自编码器的编码，它们只用不带标签的图像训练。"
              "这里的堆叠自编码器只做预训练：它的微调会用到全部标签。"},
    "features.data": {"en": "Data set", "zh": "数据集"},
    "features.data.digits": {"en": "digits (8 × 8)", "zh": "digits（8 × 8）"},
    "features.data.mnist": {"en": "MNIST (28 × 28)", "zh": "MNIST（28 × 28）"},
    "features.data.fashion-mnist": {"en": "Fashion-MNIST (28 × 28)", "zh": "Fashion-MNIST（28 × 28）"},
    "features.go": {"en": "Run the comparison", "zh": "运行比较"},
    "features.plan": {
        "en": "{n} feature sets; PCA, the random projection and every code have {k} numbers; the autoencoders "
              "train {epochs} epochs on {rows} unlabelled training images; label budgets {budgets}.",
        "zh": "共 {n} 种特征；PCA、随机投影和每个编码都是 {k} 维；自编码器在 {rows} 张无标签训练图像上训练 {epochs} 轮；"
              "标签数量 {budgets}。"},
    "features.all": {"en": "all", "zh": "全部"},
    "features.all_rows": {"en": "all", "zh": "全部"},
    "features.none": {"en": "Press **Run the comparison**: the autoencoders train as jobs (they show in the sidebar) "
                            "while the hand-crafted features are measured.",
                      "zh": "点击 **运行比较**：自编码器作为任务训练（显示在侧边栏中），同时测量人工特征。"},
    "features.job": {"en": "Features · {name}", "zh": "特征比较 · {name}"},
    "features.progress": {"en": "{done} of {total} feature sets measured · now: {now}",
                          "zh": "已测量 {done}/{total} 种特征 · 当前：{now}"},
    "features.failed": {"en": "The comparison stopped: {error}", "zh": "比较中断：{error}"},
    "features.missing": {"en": "No codes for {names}: their jobs were stopped or failed.",
                         "zh": "没有 {names} 的编码：它们的任务被停止或失败了。"},
    "features.results": {"en": "Results on {data}", "zh": "{data} 上的结果"},
    "features.name.pixels": {"en": "raw pixels", "zh": "原始像素"},
    "features.name.pca": {"en": "PCA", "zh": "PCA"},
    "features.name.random": {"en": "random projection", "zh": "随机投影"},
    "features.name.hog": {"en": "HOG", "zh": "HOG"},
    "features.name.gabor": {"en": "Gabor filters", "zh": "Gabor 滤波器"},
    "features.code.ae": {"en": "codes: {name}", "zh": "编码：{name}"},
    "features.code.sparse": {"en": "codes: {name}", "zh": "编码：{name}"},
    "features.code.denoising": {"en": "codes: {name}", "zh": "编码：{name}"},
    "features.code.contractive": {"en": "codes: {name}", "zh": "编码：{name}"},
    "features.code.vae": {"en": "codes: {name} (μ)", "zh": "编码：{name}（μ）"},
    "features.code.stacked": {"en": "codes: {name} (pretrained)", "zh": "编码：{name}（仅预训练）"},
    "features.col.features": {"en": "features", "zh": "特征"},
    "features.col.dim": {"en": "numbers", "zh": "维数"},
    "features.col.budget": {"en": "{n} labels", "zh": "{n} 个标签"},
    "features.col.fit": {"en": "fit (s)", "zh": "拟合（秒）"},
    "features.col.classify": {"en": "classify (s)", "zh": "分类（秒）"},
    "features.read.few": {
        "en": "**What the numbers show.** With **{n} labels** the best features are **{best}** ({acc:.1%}), against "
              "{pixels:.1%} for the raw pixels.",
        "zh": "**数字说明了什么。** 只有 **{n} 个标签**时，最好的特征是 **{best}**（{acc:.1%}），原始像素为 {pixels:.1%}。"},
    "features.read.most": {
        "en": "With **{n} labels**: **{best}** ({acc:.1%}), the raw pixels {pixels:.1%}.",
        "zh": "有 **{n} 个标签**时：**{best}**（{acc:.1%}），原始像素 {pixels:.1%}。"},
    "features.read.groups": {
        "en": "Best learned: {code} ({code_acc:.1%}); best hand-crafted: {hand} ({hand_acc:.1%}), {diff:+.1f} points "
              "for the learned one.",
        "zh": "学到的特征中最好的是 {code}（{code_acc:.1%}）；人工特征中最好的是 {hand}（{hand_acc:.1%}），学到的特征"
              "相差 {diff:+.1f} 个百分点。"},
    "features.read.codes_vs_pixels": {
        "en": "Against the pixels the best code changes the accuracy by {gain_few:+.1f} points with {few} labels and "
              "by {gain_most:+.1f} with {most}.",
        "zh": "与原始像素相比，最好的编码在 {few} 个标签时使准确率变化 {gain_few:+.1f} 个百分点，在 {most} 个标签时变化 "
              "{gain_most:+.1f} 个百分点。"},
    "features.read.few_labels_help": {
        "en": "What an autoencoder learns without labels helps most when labels are few.",
        "zh": "自编码器不用标签学到的东西，在标签很少时帮助最大。"},
    "features.read.no_help": {
        "en": "Here the codes do not beat the pixels with few labels either: on this data and budget the unsupervised "
              "training did not find more than the classifier reads from the pixels.",
        "zh": "在这里，即使标签很少，编码也没有胜过像素：在这个数据集和训练量下，无监督训练找到的并不比分类器直接"
              "从像素中读到的更多。"},
    "features.read.cost": {
        "en": "The price: each code took {lo:.2g}–{hi:.2g} s to train and compute; {hand}; PCA {pca:.2g} s.",
        "zh": "代价：每个编码的训练和计算用了 {lo:.2g}–{hi:.2g} 秒；{hand}；PCA {pca:.2g} 秒。"},
    "features.protocol": {
        "en": "Protocol: features fitted on {rows} unlabelled training images; codes {code} numbers wide, "
              "{epochs} epochs; test rows: {test}. The classifier is the same logistic regression everywhere "
              "(scikit-learn, standardized inputs, C = 1); label subsets are class-balanced and nested (the 50 "
              "include the 20). Seconds are wall time on this server, shared with the other jobs.",
        "zh": "做法：特征在 {rows} 张无标签训练图像上拟合；编码 {code} 维，训练 {epochs} 轮；测试样本：{test}。"
              "分类器处处是同一个逻辑回归（scikit-learn，标准化输入，C = 1）；标签子集各类数量均衡且相互嵌套"
              "（50 个包含那 20 个）。秒数是本服务器上的实际耗时，与其他任务共享。"},
    "features.try": {
        "en": "- Run it on **digits**, then on **MNIST**: do the codes keep their lead with 28 × 28 images?\n"
              "- On **Fashion-MNIST** the classes are textures and outlines rather than strokes: watch HOG.\n"
              "- Compare the cost bars: which features would you pick for a phone, which for a server?",
        "zh": "- 先在 **digits** 上运行，再在 **MNIST** 上运行：换成 28 × 28 的图像，编码还能保持领先吗？\n"
              "- 在 **Fashion-MNIST** 上，类别靠的是纹理和轮廓而不是笔画：注意 HOG 的表现。\n"
              "- 比较代价条形图：哪种特征适合手机，哪种适合服务器？"},
}

# ---- the Features page (pages/features.py)
TEXTS.update(figure_table("features.acc", features_plots.ACCURACY_LABELS,
                     {"title": "同一个逻辑回归的测试准确率与有标签样本数", "x": "有标签训练样本数（各类均衡；对数刻度）",
                      "y": "测试准确率"}))
TEXTS.update(figure_table("features.cost", features_plots.COST_LABELS,
                     {"title": "每种特征的代价（秒，对数刻度）", "fit": "拟合特征并计算", "classify": "逻辑回归，全部标签数量",
                      "x": "秒"}))
