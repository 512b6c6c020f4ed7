"""Strings of the Runs page (``pages/runs.py``), English and 中文: the keys ``runs.*``.

``pages/common/texts/__init__.py`` merges every module's ``TEXTS`` into ``i18n.TABLE``.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ---- Explore and Runs
    "runs.explain": {
        "en": "Every saved run is a folder with the weights (safetensors), settings, measurements and curves. "
              "Load one into its page, rename it, delete it, or download it as a zip to share.",
        "zh": "每个已保存的运行是一个文件夹，包含权重（safetensors）、设置、指标和曲线。可以把它加载到对应页面、"
              "重命名、删除，或下载为 zip 分享。"},
    "runs.folder": {"en": "Runs folder: `{path}`", "zh": "运行记录文件夹：`{path}`"},
    "runs.none": {"en": "No saved runs yet. Train on a Learn page, then press **Save run**.",
                  "zh": "还没有已保存的运行。在“学习”页面训练后点击 **保存运行**。"},
    "runs.col.name": {"en": "name", "zh": "名称"},
    "runs.col.variant": {"en": "variant", "zh": "变体"},
    "runs.col.dataset": {"en": "data set", "zh": "数据集"},
    "runs.col.created": {"en": "saved", "zh": "保存时间"},
    "runs.select": {"en": "Select a row to act on that run.", "zh": "选中一行以操作该运行。"},
    "runs.load": {"en": "Open in its page", "zh": "在对应页面打开"},
    "runs.rename": {"en": "Rename", "zh": "重命名"},
    "runs.new_name": {"en": "New name", "zh": "新名称"},
    "runs.delete": {"en": "Delete", "zh": "删除"},
    "runs.confirm": {"en": "Delete run “{name}” for good?", "zh": "确定要永久删除运行“{name}”吗？"},
    "runs.confirm_yes": {"en": "Yes, delete", "zh": "确定删除"},
    "runs.cancel": {"en": "Cancel", "zh": "取消"},
    "runs.download": {"en": "Download zip", "zh": "下载 zip"},
    "runs.import": {"en": "Import a run zip", "zh": "导入运行 zip"},
    "runs.import_help": {"en": "A zip exported by Diabolo: safetensors weights only; anything else is refused.",
                         "zh": "由 Diabolo 导出的 zip：只接受 safetensors 权重，其他内容一律拒绝。"},
    "runs.imported": {"en": "Imported as “{name}”.", "zh": "已导入为“{name}”。"},
    "runs.renamed": {"en": "Renamed to “{name}”.", "zh": "已重命名为“{name}”。"},
    "runs.deleted": {"en": "Deleted “{name}”.", "zh": "已删除“{name}”。"},
    "runs.actions": {"en": "Run “{name}”", "zh": "运行“{name}”"},
    "runs.already": {"en": "This run is already here as “{name}” (the same trained weights); nothing was imported.",
                     "zh": "这个运行已经在这里，名为“{name}”（训练出的权重完全相同）；没有重复导入。"},
    "runs.import_failed": {"en": "The zip could not be imported: the server could not write it ({error}). "
                                 "Nothing was changed; try again later.",
                           "zh": "无法导入该 zip：服务器写入失败（{error}）。没有任何改动；请稍后再试。"},
}
