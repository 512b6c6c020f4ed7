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
        "zh": "数字组成的 CSV（每行一个样本；可选一列名为 'label'）、.npy 数组、含数组 x（及 y）的 .npz，"
              "或由同一尺寸 PNG/JPEG 图片组成的 zip（每类一个文件夹）。文件在使用前会被检查，只保存在本服务器上。",
    },
    "own.none": {"en": "Upload a file to train on your own data; until one is accepted, Train stays off.",
                 "zh": "上传一个文件即可用你自己的数据训练；在文件被接受之前，“训练”按钮不可用。"},
    "own.using": {"en": "Training uses your file “{name}” (accepted earlier).",
                  "zh": "训练使用你之前上传并被接受的文件“{name}”。"},
    "own.cannot_store": {"en": "The file is valid but could not be kept on the server ({error}); try again later.",
                         "zh": "文件有效，但无法保存在服务器上（{error}）；请稍后再试。"},
    "runs.import_failed": {"en": "The zip could not be imported: the server could not write it ({error}). "
                                 "Nothing was changed; try again later.",
                           "zh": "无法导入该 zip：服务器写入失败（{error}）。没有任何改动；请稍后再试。"},
}
