"""Strings of the explore pages (see ``i18n``): English and 中文, merged into ``i18n.TABLE``.

Keys are ``<page>.<part>``. Formulas are language-free and go into ``FORMULAS``.
"""

FORMULAS: dict[str, str] = {}

TEXTS: dict[str, dict[str, str]] = {
    # ---- Latent space
    "latent.methods": {
        "en": "UMAP and t-SNE, on request, keep neighbours together better than PCA but bend distances; they are "
              "computed in the background while the PCA map stays usable. Click a point, or draw a lasso "
              "(chart toolbar), to see those examples and their reconstructions.",
        "zh": "按需计算的 UMAP 和 t-SNE 比 PCA 更能保留近邻关系，但会扭曲距离；它们在后台计算，期间 PCA 图照常可用。"
              "点击一个点，或用套索（图表工具栏）圈选，即可看到这些样本及其重建。"},
    "latent.split": {"en": "Data", "zh": "数据"},
    "latent.split.test": {"en": "test", "zh": "测试集"},
    "latent.split.train": {"en": "train", "zh": "训练集"},
    "latent.points": {"en": "Points", "zh": "点数"},
    "latent.points_help": {"en": "How many rows of the split are encoded (a seeded random subset; at most {max:,}).",
                           "zh": "编码该数据划分中的多少行（固定种子的随机子集；最多 {max:,}）。"},
    "latent.method": {"en": "Projection", "zh": "投影方法"},
    "latent.m.pca": {"en": "PCA", "zh": "PCA"},
    "latent.m.umap": {"en": "UMAP", "zh": "UMAP"},
    "latent.m.tsne": {"en": "t-SNE", "zh": "t-SNE"},
    "latent.settings": {"en": "Projection settings", "zh": "投影设置"},
    "latent.nn": {"en": "UMAP neighbours", "zh": "UMAP 近邻数"},
    "latent.nn_help": {"en": "Few: local detail, small clusters. Many: the global layout.",
                       "zh": "较少：局部细节、小簇；较多：全局布局。"},
    "latent.md": {"en": "UMAP minimum distance", "zh": "UMAP 最小距离"},
    "latent.md_help": {"en": "How tightly UMAP may pack points: 0 gives dense clumps, larger values spread them.",
                       "zh": "UMAP 能把点挤得多紧：0 会形成密集团块，值越大点越分散。"},
    "latent.perp": {"en": "t-SNE perplexity", "zh": "t-SNE 困惑度"},
    "latent.perp_help": {"en": "Roughly the number of neighbours each point keeps close.",
                         "zh": "大致是每个点要保持靠近的近邻数量。"},
    "latent.failed": {"en": "{name} failed: {error}", "zh": "{name} 计算失败：{error}"},
    "latent.compiling": {
        "en": "{name}: preparing its compiled code, once after the server starts ({secs:.0f} s so far; about a "
              "minute, more on a busy machine). The PCA map below stays usable.",
        "zh": "{name}：正在准备编译代码，服务器启动后只需一次（已用 {secs:.0f} 秒；约一分钟，繁忙的机器上更久）。"
              "下方的 PCA 图照常可用。"},
    "latent.queued": {"en": "{name}: waiting for other projections (position {pos}).",
                      "zh": "{name}：等待其他投影完成（第 {pos} 位）。"},
    "latent.layout": {"en": "{name}: laying out the map — {pct:.0f} % · {secs:.1f} s",
                      "zh": "{name}：正在布局 — {pct:.0f} % · {secs:.1f} 秒"},
    "latent.phase.neighbours": {"en": "{name}: finding each point's neighbours… {secs:.1f} s",
                                "zh": "{name}：正在寻找每个点的近邻…… {secs:.1f} 秒"},
    "latent.phase.tsne": {"en": "{name}: running… {secs:.1f} s (t-SNE takes about 10 s for 3,000 points)",
                          "zh": "{name}：计算中…… {secs:.1f} 秒（3,000 个点的 t-SNE 约需 10 秒）"},
    "latent.phase.compile": {"en": "{name}: preparing its compiled code… {secs:.0f} s",
                             "zh": "{name}：正在准备编译代码…… {secs:.0f} 秒"},
    "latent.axis.pca": {"en": "PC {i}", "zh": "主成分 {i}"},
    "latent.axis.umap": {"en": "UMAP {i}", "zh": "UMAP {i}"},
    "latent.axis.tsne": {"en": "t-SNE {i}", "zh": "t-SNE {i}"},
    "latent.axis.code": {"en": "z{i}", "zh": "z{i}"},
    "latent.axis.index": {"en": "example", "zh": "样本"},
    "latent.row": {"en": "row", "zh": "行"},
    "latent.label": {"en": "label", "zh": "标签"},
    "latent.about": {"en": "{method} of {n:,} codes ({split}, {k} numbers each) · {secs:.2f} s.",
                     "zh": "{n:,} 个编码的 {method}（{split}，每个 {k} 维）· {secs:.2f} 秒。"},
    "latent.about_code": {"en": "{n:,} codes ({split}, {k} number(s) each), drawn as they are.",
                          "zh": "{n:,} 个编码（{split}，每个 {k} 维），按原样画出。"},
    "latent.subsampled": {"en": "t-SNE is slow, so it maps a random {n:,} of them.",
                          "zh": "t-SNE 较慢，因此只对其中随机的 {n:,} 个作图。"},
    "latent.meanwhile": {"en": "PCA is shown until the map you asked for is ready.",
                         "zh": "在所选投影完成之前先显示 PCA。"},
    "latent.csv": {"en": "Download coordinates, labels and codes (CSV)", "zh": "下载坐标、标签和编码（CSV）"},
    "latent.hint": {"en": "Click a point on the map, or pick **Lasso select** or **Box select** in the chart's toolbar "
                          "and circle a group: their images and reconstructions appear here.",
                    "zh": "点击图上的一个点，或在图表工具栏中选择 **套索选择** 或 **框选** 圈出一组点："
                          "它们的图像和重建会显示在这里。"},
    "latent.selected": {"en": "{n} selected (showing {shown})", "zh": "已选 {n} 个（显示 {shown} 个）"},
    "latent.two_hint": {"en": "Select two or more points (lasso, or Shift+click) to walk between their codes.",
                        "zh": "选择两个或更多点（套索，或按住 Shift 点击）即可在它们的编码之间插值。"},
    "latent.from": {"en": "From", "zh": "起点"},
    "latent.to": {"en": "To", "zh": "终点"},
    "latent.path": {"en": "Path", "zh": "路径"},
    "latent.path.linear": {"en": "straight", "zh": "直线"},
    "latent.path.slerp": {"en": "spherical", "zh": "球面"},
    "latent.quick": {"en": "Train a plain autoencoder on the digits here ({code}-number code, {epochs} epochs)",
                     "zh": "在这里用手写数字训练一个普通自编码器（编码 {code} 维，{epochs} 轮）"},
    "latent.interp_title": {"en": "Decoded along the path from #{a} to #{b}", "zh": "从 #{a} 到 #{b} 路径上的解码结果"},
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
}
