"""Strings of the Compare page (``pages/compare.py``), English and 中文: the keys ``compare.*``.

``pages/common/texts/__init__.py`` merges every module's ``TEXTS`` into ``i18n.TABLE``.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ---- placeholders of multiselects (Streamlit's own is English: "Choose options")
    "compare.pick_placeholder": {"en": "Choose variants", "zh": "选择变体"},
    "compare.runs_placeholder": {"en": "Choose saved runs", "zh": "选择已保存的运行"},
    # ---- Explore and Runs
    "compare.explain": {
        "en": "Train several variants on **one** shared setting — same data, code size, epochs and seed — and "
              "compare their curves and numbers. Each variant keeps its own default penalty.",
        "zh": "在**同一**设置下训练多个变体——相同的数据、编码维度、训练轮数和种子——并比较它们的曲线和指标。"
              "每个变体使用自己默认的惩罚设置。"},
    "compare.pick": {"en": "Variants (2–4)", "zh": "变体（2–4 个）"},
    "compare.pick_help": {"en": "Choose between two and four.", "zh": "请选择二到四个。"},
    "compare.train_all": {"en": "Train all", "zh": "全部训练"},
    "compare.curves": {"en": "Validation loss per epoch", "zh": "每轮验证损失"},
    "compare.table": {"en": "Measurements (best per row marked ★)", "zh": "指标（每行最佳标 ★）"},
    "compare.none": {"en": "Choose variants and press **Train all**.", "zh": "选择变体后点击 **全部训练**。"},
    "compare.need": {"en": "Choose between two and four variants.", "zh": "请选择二到四个变体。"},
    # ---- Compare
    "compare.offered": {
        "en": "The stacked autoencoder is not offered here: its fine-tuning uses the labels, which would make the "
              "linear-probe row unfair.",
        "zh": "这里不提供堆叠自编码器：它的微调使用了标签，会让线性探针一行的对比不公平。"},
    "compare.quick": {"en": "Train {variants} now ({epochs} epochs on {data})",
                      "zh": "立即训练 {variants}（在 {data} 上训练 {epochs} 轮）"},
    "compare.runs": {"en": "Saved runs (optional)", "zh": "已保存的运行（可选）"},
    "compare.runs_help": {"en": "Runs from the Runs page, shown beside the variants; 2–4 columns in all.",
                          "zh": "“运行记录”页面中的运行，与变体并列显示；总共 2–4 列。"},
    "compare.runs_none": {"en": "No saved runs yet", "zh": "还没有已保存的运行"},
    "compare.method": {"en": "Latent maps", "zh": "潜空间图"},
    "compare.measuring": {"en": "Measuring the model…", "zh": "正在评估模型……"},
    "compare.maps_pending": {"en": "{method}: {n} map(s) being computed; PCA is shown meanwhile.",
                             "zh": "{method}：正在计算 {n} 张图；在此期间先显示 PCA。"},
    "compare.pca_for_now": {"en": "PCA until {method} is ready", "zh": "{method} 完成之前先显示 PCA"},
    "compare.recon_points": {"en": "Test points (dots) and their reconstructions (crosses)",
                             "zh": "测试点（圆点）及其重建（叉号）"},
    "compare.shared_scale": {"en": "All maps share one scale: each is centred and divided by its spread (the "
                                   "root-mean-square distance of its points from their centre), so shapes and class "
                                   "separation compare directly. A code's size alone means little: the decoder can "
                                   "undo any scaling.",
                             "zh": "所有图使用同一刻度：每张图先居中，再除以其散布（各点到中心距离的均方根），"
                                   "因此形状和类别分离可以直接比较。编码本身的大小意义不大：解码器可以抵消任何缩放。"},
    "compare.spread": {"en": "Spread of this map before scaling: {spread:.3g}.", "zh": "缩放前这张图的散布：{spread:.3g}。"},
    "compare.recon_rows": {"en": "The same test images (top) and their reconstructions", "zh": "相同的测试图像（上）及其重建"},
    "compare.not_trained": {"en": "Not trained yet: press **Train all**.", "zh": "尚未训练：点击 **全部训练**。"},
    "compare.other_data": {"en": "Trained on {data}; the comparison uses {ref}: left out of the table.",
                           "zh": "在 {data} 上训练；当前对比使用 {ref}：未列入表格。"},
    "compare.stale": {"en": "Trained with earlier settings: press **Train all** to retrain with these.",
                      "zh": "使用之前的设置训练：点击 **全部训练** 用当前设置重新训练。"},
    "compare.curves_rel": {"en": "Validation objective, relative to epoch 1", "zh": "验证目标函数（相对于第 1 轮）"},
    "compare.curves_y": {"en": "ratio to epoch 1", "zh": "与第 1 轮之比"},
    "compare.curves_how": {
        "en": "Each variant minimises its own objective (reconstruction plus its penalty; the VAE's is −ELBO in "
              "nats), so raw values do not share a scale. Each curve is its own validation objective divided by its "
              "value after the first epoch: it shows how fast each one converges, not which one is better — the "
              "table below answers that. Dotted: saved runs.",
        "zh": "每个变体最小化的是各自的目标函数（重建误差加各自的惩罚项；VAE 的是以奈特为单位的 −ELBO），因此原始数值不在"
              "同一尺度上。每条曲线是该变体自己的验证目标函数除以第一轮后的值：它显示各自收敛的快慢，而不是谁更好——"
              "这由下面的表格回答。虚线：已保存的运行。"},
    "compare.better": {"en": "better", "zh": "更好"},
    "compare.better.lower": {"en": "lower", "zh": "越低越好"},
    "compare.better.higher": {"en": "higher", "zh": "越高越好"},
    "compare.better.None": {"en": "—", "zh": "—"},
    "compare.m.psnr_corrupted": {"en": "PSNR from noisy input (σ = 0.3)", "zh": "含噪输入的重建 PSNR（σ = 0.3）"},
    "compare.m.code_units": {"en": "code units", "zh": "编码单元类型"},
    "compare.m.vae_kl": {"en": "KL to the prior (nats, VAE)", "zh": "与先验的 KL（奈特，仅 VAE）"},
    "compare.m.jacobian_frobenius": {"en": "mean ‖Jᵩ(x)‖ (Frobenius)", "zh": "平均 ‖Jᵩ(x)‖（Frobenius）"},
    "compare.m.mean_activation": {"en": "mean |activation| of the code", "zh": "编码的平均 |激活|"},
    "compare.m.dead_units": {"en": "dead code units", "zh": "死亡编码单元数"},
    "compare.gaussian_mean": {"en": "posterior mean μ", "zh": "后验均值 μ"},
    "compare.how": {
        "en": "Every column is measured the same way: the same test rows; PSNR of the reconstruction of the same "
              "seeded Gaussian-noise copy (σ = 0.3 on [0, 1] data, 0.3 × the standard deviation otherwise) against "
              "the clean rows; the same linear probe; activation statistics of each code (their meaning depends on "
              "the code units, so mean activation gets no ★; a unit is dead when it never exceeds 1 % of the "
              "largest activation); the exact encoder Jacobian on the same 2,000 rows; KL only for the VAE. "
              "Training time is wall-clock while jobs shared the CPU. ★ marks the best of a row.",
        "zh": "每一列的测量方式完全相同：相同的测试样本；对同一份固定种子的高斯噪声副本（[0, 1] 数据上 σ = 0.3，其他数据为"
              " 0.3 × 标准差）重建，并与干净样本比较得到 PSNR；相同的线性探针；各自编码的激活统计（其含义取决于编码单元类型，"
              "因此平均激活不标 ★；一个单元若从未超过最大激活的 1 % 即视为死亡）；在相同 2,000 个样本上精确计算的编码器"
              "雅可比矩阵；KL 仅适用于 VAE。训练时间是多个任务共享 CPU 时的实际耗时。★ 表示该行最佳。"},
    "compare.csv": {"en": "Download the table (CSV)", "zh": "下载表格（CSV）"},
    "compare.recon_rows.rows": {"en": "The same test examples (top) and their reconstructions",
                                "zh": "相同的测试样本（上）及其重建"},
}
