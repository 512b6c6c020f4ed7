"""Strings of the Home page (``pages/home.py``), English and 中文: the keys ``home.*``.

Its formula, ``FORMULAS["home"]``, is language-free and drawn with ``st.latex``.
``pages/common/texts/__init__.py`` merges every module's ``TEXTS`` into ``i18n.TABLE``.
"""

from __future__ import annotations

FORMULAS: dict[str, str] = {
    "home": r"x \;\xrightarrow{\;\phi\;}\; z \;\xrightarrow{\;\psi\;}\; \hat x,"
            r"\qquad \min_{\phi,\psi}\ \frac1N \sum_{i=1}^N \lVert x_i - \psi(\phi(x_i)) \rVert^2",
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
    # ---- the Features page (pages/features.py)
    "home.go.features": {"en": "The lecture's closing question: do autoencoder codes beat PCA, HOG and Gabor "
                               "filters when labels are few?",
                         "zh": "课程最后的问题：标签很少时，自编码器的编码能胜过 PCA、HOG 和 Gabor 滤波器吗？"},
}
