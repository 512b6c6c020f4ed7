"""Strings of the Variational page (``pages/variational.py``), English and 中文: the keys ``variational.*``.

Its formula, ``FORMULAS["variational"]``, is language-free and drawn with ``st.latex``.
``variational.l.<name>`` are the figure texts of ``aecore.plots.vae`` (its ``LABELS``, same names).
``pages/common/texts/__init__.py`` merges every module's ``TEXTS`` into ``i18n.TABLE``.
"""

from __future__ import annotations

FORMULAS: dict[str, str] = {
    "variational": r"\log p(x) \;\ge\; \mathbb{E}_{q_\phi(z\mid x)}\big[\log p_\psi(x \mid z)\big]"
                   r" - \beta\,\mathrm{KL}\big(q_\phi(z \mid x)\,\Vert\,\mathcal{N}(0, I)\big)",
}

TEXTS: dict[str, dict[str, str]] = {
    # ---- Learn pages
    "variational.explain": {
        "en": "A variational autoencoder encodes each input as a small **cloud** — a mean μ and a spread σ — and "
              "decodes a random point from it. Training maximises a lower bound on the data's likelihood: rebuild "
              "x well, while keeping each cloud close to a standard normal. The code space becomes smooth and "
              "filled, so decoding random normal points gives new, plausible data.",
        "zh": "变分自编码器把每个输入编码成一小**团**分布——均值 μ 和离散度 σ——并从中随机取一点来解码。训练最大化"
              "数据似然的一个下界：既要重建好 x，又要让每团分布接近标准正态分布。于是编码空间变得平滑而充实，"
              "解码随机的正态点就能生成新的、合理的数据。"},
    "variational.symbols": {"en": r"$q_\phi(z \mid x) = \mathcal{N}(\mu, \sigma^2)$: encoder · $p_\psi(x \mid z)$: decoder · "
                                  "β: KL weight (1 = the ELBO).",
                            "zh": r"$q_\phi(z \mid x) = \mathcal{N}(\mu, \sigma^2)$：编码器 · $p_\psi(x \mid z)$：解码器 · "
                                  "β：KL 权重（1 即 ELBO）。"},
    "variational.try": {
        "en": "- Keep the code size at 2 and open **Latent space**: are the digits arranged in clusters?\n"
              "- Set β to 4: the KL falls, reconstructions blur.\n"
              "- Set β to 0: it becomes an autoencoder with noisy codes.",
        "zh": "- 保持编码维度为 2，打开 **潜空间**：数字是否聚成了簇？\n"
              "- 把 β 设为 4：KL 下降，重建变模糊。\n"
              "- 把 β 设为 0：它就变成了一个编码带噪声的自编码器。"},
    "variational.samples": {"en": "New images decoded from random codes z ~ N(0, I)",
                            "zh": "从随机编码 z ~ N(0, I) 解码出的新图像"},
    "variational.row_samples": {"en": "samples", "zh": "采样"},
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
