"""Strings of the safety pages (see ``i18n``): English and 中文, merged into ``i18n.TABLE``.

Keys are ``<page>.<part>``. Formulas are language-free and go into ``FORMULAS``.
Here: the panel's "Your own data" uploader and the Runs page's import outcome.
"""

FORMULAS: dict[str, str] = {}

TEXTS: dict[str, dict[str, str]] = {
    "o.own": {"en": "Your own data (upload a file)", "zh": "你自己的数据（上传文件）"},
    "own.upload": {"en": "Your data file", "zh": "你的数据文件"},
    "own.help": {
        "en": "A CSV of numbers (one row per example; an optional column named 'label'), a .npy array, a .npz "
              "with arrays x (and y), or a zip of PNG/JPEG images of one size (one folder per class). "
              "The file is checked before it is used and stays on this server only.",
        "zh": "数字组成的 CSV（每行一个样本；可选一列名为 `label`）、.npy 数组、含数组 x（及 y）的 .npz，"
              "或由同一尺寸 PNG/JPEG 图片组成的 zip（每类一个文件夹）。文件在使用前会被检查，只保存在本服务器上。",
    },
    "own.none": {"en": "Upload a file to train on your own data; until one is accepted, Train stays off.",
                 "zh": "上传一个文件即可用你自己的数据训练；在文件被接受之前，“训练”按钮不可用。"},
    "own.using": {"en": "Training uses your file “{name}” (accepted earlier).",
                  "zh": "训练使用你之前上传并被接受的文件“{name}”。"},
    "own.cannot_store": {"en": "The file is valid but could not be kept on the server ({error}); try again later.",
                         "zh": "文件有效，但无法保存在服务器上（{error}）；请稍后再试。"},
    # data that are not images (a table's rows, 2-D points): the ``.rows`` wording (i18n.for_data)
    "result.recon.rows": {"en": "Test examples and their reconstructions", "zh": "测试样本及其重建"},
    "compare.recon_rows.rows": {"en": "The same test examples (top) and their reconstructions",
                                "zh": "相同的测试样本（上）及其重建"},
    "denoising.figure.rows": {"en": "Clean, corrupted and denoised test examples",
                              "zh": "干净、被破坏和去噪后的测试样本"},
    "own.table": {"en": "“{name}”: a table of {rows:,} rows × {cols} columns; each row is one example, each "
                        "column one input of the network.",
                  "zh": "“{name}”：{rows:,} 行 × {cols} 列的表格；每行是一个样本，每列是网络的一个输入。"},
    "own.images": {"en": "“{name}”: {rows:,} images of {h}×{w} pixels; each pixel is one input of the network.",
                   "zh": "“{name}”：{rows:,} 张 {h}×{w} 像素的图像；每个像素是网络的一个输入。"},
    # a code at least as wide as the data (panel.wide_code_note): explained, not refused
    "wide.code": {"en": "Your code ({k} numbers) is at least as wide as the data ({d} inputs), so nothing forces "
                        "the network to compress. ",
                  "zh": "你的编码（{k} 个数）不比数据（{d} 个输入）窄，因此没有什么迫使网络压缩。"},
    "wide.ae": {"en": "A plain autoencoder can then learn to copy its input and its code need not mean anything; "
                      "that is the lesson of Basics' overcomplete runs. For a compressed code choose a code "
                      "smaller than {d}.",
                "zh": "普通自编码器此时可以学会直接复制输入，其编码未必有意义；这正是“基础”页过完备实验要说明的。"
                      "想要压缩的编码，请选择小于 {d} 的编码大小。"},
    "wide.sparse": {"en": "That is fine here: the sparsity penalty keeps most units silent, so a wide code still "
                          "has to find a few features per input.",
                    "zh": "在这里没问题：稀疏惩罚让大多数单元保持沉默，因此宽编码仍需为每个输入找出少数特征。"},
    "wide.denoising": {"en": "That is fine here: the network sees corrupted inputs and must output clean ones, "
                             "so copying does not work even with a wide code.",
                       "zh": "在这里没问题：网络看到的是被破坏的输入、却要输出干净的输入，所以即使编码很宽，复制也行不通。"},
    "wide.contractive": {"en": "That is fine here: the contractive penalty ‖J_φ‖² punishes a code that follows "
                               "every change of the input, so it cannot simply copy.",
                         "zh": "在这里没问题：收缩惩罚 ‖J_φ‖² 惩罚随输入每个变化而变的编码，所以它不能简单复制。"},
    "wide.vae": {"en": "The KL term switches unneeded code dimensions off (they stay at the prior), so a wide "
                       "code mostly leaves dimensions unused.",
                 "zh": "KL 项会关闭不需要的编码维度（它们停留在先验上），所以宽编码多半只是留下未使用的维度。"},
    "runs.import_failed": {"en": "The zip could not be imported: the server could not write it ({error}). "
                                 "Nothing was changed; try again later.",
                           "zh": "无法导入该 zip：服务器写入失败（{error}）。没有任何改动；请稍后再试。"},
}
