"""Strings of "Watching it learn" (see ``i18n``): English and 中文, merged into ``i18n.TABLE``.

Pause / step / resume of a running job (``stepping``), the live code map (``codemap``), your
own input (``drawing``) and teacher links (``teacher``).
"""

FORMULAS: dict[str, str] = {}

TEXTS: dict[str, dict[str, str]] = {
    # ---- pause, step, resume
    "watch.pause": {"en": "Pause", "zh": "暂停"},
    "watch.resume": {"en": "Resume", "zh": "继续"},
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
    "short.paused": {"en": "paused", "zh": "已暂停"},
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
}
