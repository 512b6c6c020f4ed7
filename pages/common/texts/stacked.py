"""Strings of the Stacked page (``pages/stacked.py``), English and 中文: the keys ``stacked.*``.

Its formula, ``FORMULAS["stacked"]``, is language-free and drawn with ``st.latex``. ``stacked.l.<name>`` are
the figure texts of ``aecore.plots.stacked`` (its ``LABELS``, same names).
``pages/common/texts/__init__.py`` merges every module's ``TEXTS`` into ``i18n.TABLE``.
"""

from __future__ import annotations

FORMULAS: dict[str, str] = {
    "stacked": r"h^{(l)} = \sigma\!\left(W^{(l)} h^{(l-1)} + b^{(l)}\right),\qquad"
               r"\min_{W^{(l)}}\ \lVert h^{(l-1)} - \hat h^{(l-1)} \rVert^2,\qquad l = 1, 2, \dots, L",
}

TEXTS: dict[str, dict[str, str]] = {
    # ---- live training
    "stacked.phase_budget": {"en": "{n} labels: {phase}", "zh": "{n} 个标签：{phase}"},
    # ---- Learn pages
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
    "stacked.layers": {"en": "Layers, bottom to top", "zh": "各层（自下而上）"},
    "stacked.n_layers": {"en": "Number of layers", "zh": "层数"},
    "stacked.n_layers_help": {"en": "Each layer is one shallow autoencoder, trained on the codes of the layer below.",
                              "zh": "每一层都是一个浅层自编码器，在下一层的编码上训练。"},
    "stacked.width": {"en": "Layer {n}: width", "zh": "第 {n} 层：宽度"},
    "stacked.live_map_caption": {
        "en": "The top code of the whole stack for {n} test examples, coloured by their labels, as it is now. Layers "
              "not pretrained yet still have their random weights; during fine-tuning the labels pull the classes "
              "apart.",
        "zh": "整个堆叠的顶层编码（{n} 个测试样本，按标签着色）的当前样子。尚未预训练的层仍是随机权重；微调时标签会把各类拉开。"},
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
        "en": "From the second row: the test images encoded through the first 1, 2, … layers and decoded back by "
              "those layers' decoders — what the stack keeps of an input at that height; the next row goes through "
              "the whole pretrained stack. The decoders learn only during pretraining: fine-tuning moves the "
              "encoder to separate the classes, not to keep the picture, and the decoders do not follow, so the "
              "last row (the fine-tuned encoder with the pretrained decoders) is blurrier, the more so after "
              "L-BFGS's large steps (try the shapes preset). The test MSE below is the fine-tuned network's.",
        "zh": "从第二行起：测试图像经过前 1、2、… 层编码，再由这些层的解码器解码回来——堆叠在这一高度保留了输入的什么；"
              "下一行经过整个预训练堆叠。解码器只在预训练时学习：微调为了区分类别而移动编码器，并不在意保留图像，"
              "而解码器不会随之更新，所以最后一行（微调后的编码器配预训练的解码器）更模糊，用 L-BFGS 的大步长之后尤其如此"
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
