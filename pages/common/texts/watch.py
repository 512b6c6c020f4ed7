"""Strings of "Watching it learn", on every Learn page: pause / step / resume of a running job (``stepping``),
the live code map (``codemap``), your own input (``drawing``) and teacher links (``teacher``), all in
``pages/common/``.

Their keys are routed here by prefix: ``watch.*``, ``draw.*``, ``teacher.*``.
``pages/common/texts/__init__.py`` merges every module's ``TEXTS`` into ``i18n.TABLE``.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ---- pause, step, resume
    "watch.pause": {"en": "Pause", "zh": "暂停"},
    "watch.resume": {"en": "Resume", "zh": "继续"},
    "watch.pause_all": {"en": "Pause all", "zh": "全部暂停"},
    "watch.resume_all": {"en": "Resume all", "zh": "全部继续"},
    "watch.paused_all": {"en": "{n} of {m} jobs hold; each keeps its weights and its slot.",
                         "zh": "{m} 个任务中有 {n} 个暂停；每个都保留自己的权重和位置。"},
    "watch.step": {"en": "One step", "zh": "走一步"},
    "watch.epoch": {"en": "One epoch", "zh": "走一轮"},
    "watch.pause_help": {"en": "Hold training between two optimizer steps; the weights stay exactly as they are.",
                         "zh": "在两次优化步之间暂停训练；权重保持原样不变。"},
    "watch.step_help": {"en": "While paused: take exactly one optimizer step (one mini-batch), then hold again.",
                        "zh": "暂停时：只做一次优化步（一个小批次），然后再次暂停。"},
    "watch.epoch_help": {"en": "While paused: train to the end of the current epoch, then hold again.",
                         "zh": "暂停时：训练到本轮结束，然后再次暂停。"},
    "watch.pausing": {"en": "Pausing after the current step…", "zh": "当前这一步完成后暂停……"},
    "watch.stepping": {"en": "Taking the step…", "zh": "正在走这一步……"},
    "watch.stepping_epoch": {"en": "Training to the end of the epoch…", "zh": "正在训练到本轮结束……"},
    "watch.paused": {"en": "Paused at step {step} (epoch {epoch:.2f}). The job keeps its weights and its training "
                           "slot while paused; **Stop** still ends it.",
                     "zh": "已暂停于第 {step} 步（第 {epoch:.2f} 轮）。暂停期间任务保留其权重和训练名额；"
                           "**停止** 仍可结束它。"},
    "watch.paused_waiting": {"en": " {n} other job(s) are waiting for a slot.",
                             "zh": " 另有 {n} 个任务在等待名额。"},
    # ---- the code space live
    "watch.map.title_code": {"en": "Code space, live: z of {m} test images", "zh": "实时编码空间：{m} 张测试图像的 z"},
    "watch.map.title_pca": {"en": "Code space, live: {k}-D codes of {m} test images on their first 2 principal "
                                  "components",
                            "zh": "实时编码空间：{m} 张测试图像的 {k} 维编码在前 2 个主成分上的投影"},
    "watch.map.title_index": {"en": "Code space, live: the 1-D code z of {m} test images",
                              "zh": "实时编码空间：{m} 张测试图像的一维编码 z"},
    "watch.map.row": {"en": "test image", "zh": "测试图像"},
    "watch.map.caption_plain": {"en": "Each dot is one test row; the worker encodes the same rows while it trains.",
                                "zh": "每个点是一行测试数据；训练过程中会反复编码这些数据。"},
    "watch.map.caption": {"en": "Each dot is one test image, coloured by its label; the worker encodes the same "
                                "images while it trains, so you watch the classes separate (or not).",
                          "zh": "每个点是一张测试图像，颜色表示其标签；训练过程中会反复编码这些图像，"
                                "你可以看到各类别如何逐渐分开（或者没有分开）。"},
    # the same for data that are not images (tables, 2-D points): i18n.t_data picks these
    "watch.map.title_code.rows": {"en": "Code space, live: z of {m} test rows", "zh": "实时编码空间：{m} 行测试数据的 z"},
    "watch.map.title_pca.rows": {"en": "Code space, live: {k}-D codes of {m} test rows on their first 2 principal "
                                       "components",
                                 "zh": "实时编码空间：{m} 行测试数据的 {k} 维编码在前 2 个主成分上的投影"},
    "watch.map.title_index.rows": {"en": "Code space, live: the 1-D code z of {m} test rows",
                                   "zh": "实时编码空间：{m} 行测试数据的一维编码 z"},
    "watch.map.row.rows": {"en": "test row", "zh": "测试数据行"},
    "watch.map.caption.rows": {"en": "Each dot is one test row, coloured by its label; the worker encodes the same "
                                     "rows while it trains, so you watch the classes separate (or not).",
                               "zh": "每个点是一行测试数据，颜色表示其标签；训练过程中会反复编码这些数据，"
                                     "你可以看到各类别如何逐渐分开（或者没有分开）。"},
    # ---- teacher links
    "teacher.title": {"en": "For teachers: a link for your class", "zh": "教师用：给学生的链接"},
    "teacher.intro": {"en": "Hide controls your students should not change yet, or turn on larger type for a "
                            "projector; the link keeps this page's current settings.",
                      "zh": "隐藏学生暂时不该改动的控件，或为投影仪打开大字体；链接保留本页当前的设置。"},
    "teacher.hide": {"en": "Controls to hide", "zh": "要隐藏的控件"},
    "teacher.hide_none": {"en": "none hidden", "zh": "不隐藏任何控件"},
    "teacher.present": {"en": "Presentation mode (larger type)", "zh": "演示模式（大字体）"},
    "teacher.present_help": {"en": "All text and chart labels 25 % larger, for a projector at the back of a room.",
                             "zh": "所有文字和图表标签放大 25%，便于教室后排看清投影。"},
    "teacher.open": {"en": "Open the link", "zh": "打开链接"},
    "teacher.note": {"en": "Hidden controls keep their values (the link's or the default) and still apply.",
                     "zh": "被隐藏的控件保留其取值（链接中的或默认值），并照常生效。"},
    "teacher.c.optimizer": {"en": "Optimizer", "zh": "优化器"},
    "teacher.c.preset": {"en": "Preset buttons", "zh": "预设按钮"},
    # ---- your own input
    "draw.head": {"en": "Your own input", "zh": "你自己的输入"},
    "draw.source": {"en": "Input", "zh": "输入"},
    "draw.src.draw": {"en": "Draw one", "zh": "自己画"},
    "draw.src.test": {"en": "A test image", "zh": "一张测试图像"},
    "draw.clear": {"en": "Clear", "zh": "清除"},
    "draw.how": {"en": "Draw with the mouse (white on black). Before the model sees it, your drawing is cropped "
                       "to its ink, scaled so that its longer side is {extent:g} pixels — the typical size of this "
                       "data set's images, measured on its training set — averaged down to {h}×{w} pixels and "
                       "centred by its centre of mass, with values in [0, 1] like the data.",
                 "zh": "用鼠标作画（黑底白字）。在模型看到之前，你的画会被裁剪到笔迹范围，缩放到较长边为 {extent:g} "
                       "像素（这是在该数据集训练集上测得的典型大小），再平均缩小到 {h}×{w} 像素，并按质心居中，"
                       "取值范围与数据一样是 [0, 1]。"},
    "draw.index": {"en": "Test image number (0 to {n})", "zh": "测试图像编号（0 到 {n}）"},
    "draw.label": {"en": "Its label: {label}", "zh": "它的标签：{label}"},
    "draw.empty": {"en": "Draw something on the canvas: its code and reconstruction appear here.",
                   "zh": "在画布上画点什么：它的编码和重建结果会显示在这里。"},
    "draw.row.input": {"en": "input", "zh": "输入"},
    "draw.row.noisy": {"en": "with noise", "zh": "加噪后"},
    "draw.row.denoised": {"en": "denoised", "zh": "去噪结果"},
    "draw.images_title": {"en": "Your input through the trained {model}", "zh": "你的输入经过训练好的{model}"},
    "draw.code": {"en": "Its code:", "zh": "它的编码："},
    "draw.noisy_caption": {"en": "Noisy copy: {noise} noise at level {level:g} (the model's own), then reconstructed.",
                           "zh": "加噪副本：{noise}，强度 {level:g}（与模型训练时相同），再进行重建。"},
    "draw.map_title_code": {"en": "Your input on the code map ({m} test images behind it)",
                            "zh": "你的输入在编码图上的位置（背景为 {m} 张测试图像）"},
    "draw.map_title_pca": {"en": "Your input on the code map: {k}-D codes on their first 2 principal components "
                                 "({m} test images)",
                           "zh": "你的输入在编码图上的位置：{k} 维编码在前 2 个主成分上的投影（{m} 张测试图像）"},
    "draw.yours": {"en": "your input", "zh": "你的输入"},
    "draw.posterior": {"en": "q(z | x): {r} σ", "zh": "q(z | x)：{r} σ"},
    "draw.map_caption": {"en": "The star is your input's code; the dots are test images coloured by their label.",
                         "zh": "星号是你的输入的编码；圆点是按标签着色的测试图像。"},
    "draw.map_caption_vae": {"en": "The star is the posterior mean μ of your input; the solid and dashed rings are "
                                   "one and two standard deviations of q(z | x) = N(μ, σ²), projected onto this "
                                   "plane: the codes the decoder may receive for it.",
                             "zh": "星号是你的输入的后验均值 μ；实线和虚线圆环是 q(z | x) = N(μ, σ²) 投影到此平面后的"
                                   "一倍和两倍标准差：解码器可能为它收到的编码。"},
}
