"""Strings of the Latent space page (``pages/latent.py``), English and 中文: the keys ``latent.*``.

``pages/common/texts/__init__.py`` merges every module's ``TEXTS`` into ``i18n.TABLE``.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ---- Explore and Runs
    "latent.explain": {
        "en": "Pick a trained model: its encoder maps every test example to a code. A 2-D code is drawn as it "
              "is; a wider one is projected onto its first two principal components. Colours are the labels, "
              "which the network never saw.",
        "zh": "选择一个训练好的模型：编码器把每个测试样本映射为一个编码。二维编码直接画出；更宽的编码则投影到前两个"
              "主成分上。颜色表示标签——网络在训练中从未见过它们。"},
    "latent.pick": {"en": "Model", "zh": "模型"},
    "latent.none": {"en": "No trained model yet: train one below with one click, on a Learn page, or load a saved "
                          "run on **Runs**.",
                    "zh": "还没有训练好的模型：点击下方按钮一键训练一个，或在“学习”页面训练，或在 **运行记录** 页面加载已保存的运行。"},
    "latent.pca_axes": {"en": "code projected on its first two principal components",
                        "zh": "编码在前两个主成分上的投影"},
    "latent.raw_axes": {"en": "the 2-D code itself", "zh": "二维编码本身"},
    "latent.one_dim": {"en": "This model's code has one number: drawn against the example index.",
                       "zh": "该模型的编码只有一个数：以样本序号为横轴画出。"},
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
}
