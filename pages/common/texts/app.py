"""Strings of the app's frame, the same on every page: the title, navigation and sidebar (``app.py``,
``pages/common/nav.py``, ``teacher.py``), the jobs list, a job's outcome and short state
(``pages/common/live.py``), section headings, the Train/Stop/Save buttons and saving a run (``live.py``,
``views.py``).

Their keys are routed here by prefix: ``app.*``, ``nav.*``, ``sidebar.*``, ``jobs.*``, ``status.*``,
``short.*``, ``section.*``, ``btn.*``, ``save.*``. ``pages/common/texts/__init__.py`` merges every module's
``TEXTS`` into ``i18n.TABLE``.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ---- navigation and sidebar
    "app.title": {"en": "Diabolo", "zh": "Diabolo"},
    "nav.home": {"en": "Home", "zh": "首页"},
    "nav.basics": {"en": "Basics & PCA", "zh": "基础与 PCA"},
    "nav.stacked": {"en": "Stacked", "zh": "堆叠自编码器"},
    "nav.sparse": {"en": "Sparse", "zh": "稀疏自编码器"},
    "nav.denoising": {"en": "Denoising", "zh": "去噪自编码器"},
    "nav.contractive": {"en": "Contractive", "zh": "收缩自编码器"},
    "nav.variational": {"en": "Variational", "zh": "变分自编码器"},
    "nav.latent": {"en": "Latent space", "zh": "潜空间"},
    "nav.compare": {"en": "Compare", "zh": "对比"},
    "nav.runs": {"en": "Runs", "zh": "运行记录"},
    "nav.section.learn": {"en": "Learn", "zh": "学习"},
    "nav.section.explore": {"en": "Explore", "zh": "探索"},
    "nav.section.runs": {"en": "Runs", "zh": "运行记录"},
    "sidebar.language": {"en": "Language", "zh": "语言"},
    "sidebar.mode": {"en": "Settings shown", "zh": "显示的设置"},
    "sidebar.beginner": {"en": "Beginner", "zh": "入门"},
    "sidebar.advanced": {"en": "Advanced", "zh": "高级"},
    "sidebar.mode_help": {"en": "Beginner shows the few settings that matter most; Advanced shows all of them.",
                          "zh": "入门模式只显示最重要的几个设置；高级模式显示全部设置。"},
    "sidebar.jobs": {"en": "Your training jobs", "zh": "你的训练任务"},
    "jobs.none": {"en": "No jobs yet: press **Train** on a Learn page.", "zh": "还没有任务：在“学习”页面点击 **训练**。"},
    # ---- live training
    "btn.train": {"en": "Train", "zh": "训练"},
    "btn.stop": {"en": "Stop", "zh": "停止"},
    "btn.save": {"en": "Save run", "zh": "保存运行"},
    "status.done": {"en": "Training finished.", "zh": "训练完成。"},
    "status.early_stopped": {"en": "Stopped early: validation loss stopped improving.",
                             "zh": "提前停止：验证损失不再下降。"},
    "status.stopped": {"en": "Stopped: the weights trained so far are kept.", "zh": "已停止：保留了目前为止训练的权重。"},
    "status.cancelled": {"en": "Cancelled before it started.", "zh": "在开始前已取消。"},
    "status.diverged": {"en": "Training diverged.", "zh": "训练发散。"},
    "status.failed": {"en": "Training failed.", "zh": "训练失败。"},
    "short.queued": {"en": "queued", "zh": "排队中"},
    "short.running": {"en": "training", "zh": "训练中"},
    "short.done": {"en": "finished", "zh": "已完成"},
    "short.early_stopped": {"en": "stopped early", "zh": "提前停止"},
    "short.stopped": {"en": "stopped", "zh": "已停止"},
    "short.cancelled": {"en": "cancelled", "zh": "已取消"},
    "short.diverged": {"en": "diverged", "zh": "已发散"},
    "short.failed": {"en": "failed", "zh": "失败"},
    # ---- placeholders of multiselects (Streamlit's own is English: "Choose options")
    "save.name": {"en": "Run name (optional)", "zh": "运行名称（可选）"},
    "save.placeholder": {"en": "e.g. digits-code-2", "zh": "例如 digits-编码-2"},
    "save.saved_as": {"en": "Saved as run “{name}” (see the Runs page).", "zh": "已保存为运行“{name}”（见“运行记录”页面）。"},
    # ---- results
    "section.results": {"en": "What the network learned", "zh": "网络学到了什么"},
    "section.try": {"en": "Things to try", "zh": "试一试"},
    # ---- pause, step, resume
    "short.paused": {"en": "paused", "zh": "已暂停"},
    # ---- the Features page (pages/features.py)
    "nav.features": {"en": "Learned features", "zh": "学到的特征"},
}
