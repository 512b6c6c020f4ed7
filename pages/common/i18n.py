"""Every visible string of the app, in English and 中文.

``t(key, **fmt)`` looks the key up in ``TABLE`` for the session's language (``state.LANG``)
and formats it. Page texts (explanations, things to try, figure labels) live in the
``texts*.py`` tables (``texts.py`` for the shared ones, one per group of pages) and are merged here; a test checks that every key has both languages. Formulas are language-free and live
in ``FORMULAS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st

from . import texts_explore, texts_learn1, texts_learn2, texts_lessons, texts_safety, texts_watch
from .state import LANG, RELABEL
from .texts import FORMULAS, TEXTS
from .texts_errors import ERRORS_ZH

LANGUAGES = {"en": "English", "zh": "中文"}
_MISSING = object()

TABLE: dict[str, dict[str, str]] = {
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
    # ---- variants
    "v.ae": {"en": "Plain AE", "zh": "普通自编码器"},
    "v.sparse": {"en": "Sparse AE", "zh": "稀疏自编码器"},
    "v.denoising": {"en": "Denoising AE", "zh": "去噪自编码器"},
    "v.contractive": {"en": "Contractive AE", "zh": "收缩自编码器"},
    "v.vae": {"en": "Variational AE", "zh": "变分自编码器"},
    "v.stacked": {"en": "Stacked AE", "zh": "堆叠自编码器"},
    # ---- training panel
    "panel.title": {"en": "Settings", "zh": "设置"},
    "panel.model": {"en": "Architecture", "zh": "网络结构"},
    "panel.variant": {"en": "{name} settings", "zh": "{name}设置"},
    "panel.training": {"en": "Training", "zh": "训练"},
    "panel.bad_url": {"en": "The link's settings {names} are not valid here and were ignored.",
                      "zh": "链接中的设置 {names} 在此无效，已忽略。"},
    "panel.bad_hidden": {"en": "Hidden sizes must be whole numbers separated by commas, e.g. 128, 64 (got {text!r}).",
                         "zh": "隐藏层大小必须是用逗号分隔的整数，例如 128, 64（输入为 {text!r}）。"},
    "p.data": {"en": "Data set", "zh": "数据集"},
    "h.data": {"en": "What the network learns to compress and rebuild.", "zh": "网络要学习压缩并重建的数据。"},
    "p.limit": {"en": "Training rows (0 = all)", "zh": "训练样本数（0 = 全部）"},
    "h.limit": {"en": "Use fewer rows for faster runs on large sets.", "zh": "在大数据集上用更少的样本以加快训练。"},
    "p.data_noise": {"en": "Noise of the 2-D toy", "zh": "二维玩具数据的噪声"},
    "h.data_noise": {"en": "How far points scatter around the ideal shape.", "zh": "数据点偏离理想形状的程度。"},
    "p.code": {"en": "Code size", "zh": "编码维度"},
    "h.code": {"en": "Width of the bottleneck: how many numbers describe one input.",
               "zh": "瓶颈层宽度：用多少个数来描述一个输入。"},
    "p.hidden": {"en": "Hidden sizes", "zh": "隐藏层大小"},
    "h.hidden": {"en": "Widths of the encoder's hidden layers, comma separated; the decoder mirrors them. Empty: none.",
                 "zh": "编码器隐藏层宽度，用逗号分隔；解码器与之镜像对称。留空表示没有隐藏层。"},
    "p.activation": {"en": "Activation", "zh": "激活函数"},
    "h.activation": {"en": "Nonlinearity of the hidden layers; 'linear' makes the whole network linear (the PCA case).",
                     "zh": "隐藏层的非线性函数；选“线性”则整个网络都是线性的（即 PCA 的情形）。"},
    "p.code_activation": {"en": "Code activation", "zh": "编码层激活函数"},
    "h.code_activation": {"en": "Nonlinearity applied to the code itself.", "zh": "作用在编码本身上的非线性函数。"},
    "p.loss": {"en": "Reconstruction loss", "zh": "重建损失"},
    "h.loss": {"en": "Squared error, or cross-entropy for data in [0, 1].", "zh": "平方误差，或用于 [0, 1] 数据的交叉熵。"},
    "p.epochs": {"en": "Epochs", "zh": "训练轮数"},
    "h.epochs": {"en": "Passes over the training set.", "zh": "遍历训练集的次数。"},
    "p.lr": {"en": "Learning rate", "zh": "学习率"},
    "h.lr": {"en": "Step size of Adam; too large and the loss diverges.", "zh": "Adam 的步长；太大会使损失发散。"},
    "p.batch": {"en": "Batch size", "zh": "批大小"},
    "h.batch": {"en": "Examples per gradient step.", "zh": "每个梯度步使用的样本数。"},
    "p.seed": {"en": "Seed", "zh": "随机种子"},
    "h.seed": {"en": "Same seed and settings give the same run again.", "zh": "相同的种子和设置会得到完全相同的结果。"},
    "p.weight_decay": {"en": "Weight decay", "zh": "权重衰减"},
    "h.weight_decay": {"en": "L2 penalty on the weights.", "zh": "对权重的 L2 惩罚。"},
    "p.patience": {"en": "Early-stopping patience (0 = off)", "zh": "早停耐心（0 = 关闭）"},
    "h.patience": {"en": "Stop after this many epochs without a better validation loss.",
                   "zh": "验证损失连续这么多轮没有改善时停止。"},
    "p.rho": {"en": "Target activation ρ", "zh": "目标激活率 ρ"},
    "h.rho": {"en": "How often each code unit should fire on average.", "zh": "每个编码单元平均应当激活的频率。"},
    "p.beta": {"en": "Weight β", "zh": "权重 β"},
    "h.beta": {"en": "How strongly the extra term counts against reconstruction.", "zh": "附加项相对于重建误差的权重。"},
    "p.penalty": {"en": "Sparsity penalty", "zh": "稀疏惩罚"},
    "h.penalty": {"en": "KL to the target rate, or the L1 norm of the code.", "zh": "与目标激活率的 KL 散度，或编码的 L1 范数。"},
    "p.noise": {"en": "Corruption", "zh": "损坏方式"},
    "h.noise": {"en": "How the input is damaged before encoding.", "zh": "编码前如何破坏输入。"},
    "p.noise_level": {"en": "Noise level", "zh": "噪声强度"},
    "h.noise_level": {"en": "σ for Gaussian noise; fraction of inputs hit for the others.",
                      "zh": "高斯噪声的 σ；其他方式下为被破坏输入的比例。"},
    "p.lam": {"en": "Contraction weight λ", "zh": "收缩权重 λ"},
    "h.lam": {"en": "Weight of the Jacobian penalty.", "zh": "雅可比惩罚项的权重。"},
    "p.decoder": {"en": "Decoder likelihood", "zh": "解码器似然"},
    "h.decoder": {"en": "Bernoulli for [0, 1] images, Gaussian for standardized data.",
                  "zh": "[0, 1] 图像用伯努利，标准化数据用高斯。"},
    "p.warmup_epochs": {"en": "KL warm-up (epochs)", "zh": "KL 预热（轮）"},
    "h.warmup_epochs": {"en": "The KL weight grows from 0 to β over this many epochs.",
                        "zh": "KL 权重在这么多轮内从 0 增长到 β。"},
    "p.pretrain": {"en": "Pre-train each layer as", "zh": "逐层预训练方式"},
    "h.pretrain": {"en": "The kind of shallow autoencoder trained for each layer.",
                   "zh": "每一层所训练的浅层自编码器类型。"},
    "p.finetune_epochs": {"en": "Fine-tuning epochs", "zh": "微调轮数"},
    "h.finetune_epochs": {"en": "Supervised epochs with a softmax on top (0 = none).",
                          "zh": "在顶部加 softmax 的有监督训练轮数（0 = 不微调）。"},
    "o.relu": {"en": "ReLU", "zh": "ReLU"},
    "o.sigmoid": {"en": "sigmoid", "zh": "sigmoid"},
    "o.tanh": {"en": "tanh", "zh": "tanh"},
    "o.linear": {"en": "linear", "zh": "线性"},
    "o.mse": {"en": "squared error", "zh": "平方误差"},
    "o.bce": {"en": "cross-entropy", "zh": "交叉熵"},
    "o.kl": {"en": "KL", "zh": "KL"},
    "o.l1": {"en": "L1", "zh": "L1"},
    "o.gaussian": {"en": "Gaussian", "zh": "高斯"},
    "o.masking": {"en": "masking", "zh": "遮挡"},
    "o.salt-pepper": {"en": "salt & pepper", "zh": "椒盐"},
    "o.bernoulli": {"en": "Bernoulli", "zh": "伯努利"},
    "o.ae": {"en": "plain", "zh": "普通"},
    "o.sparse": {"en": "sparse", "zh": "稀疏"},
    "o.denoising": {"en": "denoising", "zh": "去噪"},
    # ---- live training
    "btn.train": {"en": "Train", "zh": "训练"},
    "btn.stop": {"en": "Stop", "zh": "停止"},
    "btn.save": {"en": "Save run", "zh": "保存运行"},
    "live.planned": {"en": "{epochs} epochs on {data}", "zh": "在 {data} 上训练 {epochs} 轮"},
    "live.queued": {"en": "Waiting in the queue: position {pos}", "zh": "排队等待中：第 {pos} 位"},
    "live.progress": {"en": "{phase}epoch {epoch:.1f} · step {step} · {pct:.0f} % · {secs:.1f} s",
                      "zh": "{phase}第 {epoch:.1f} 轮 · 第 {step} 步 · {pct:.0f} % · {secs:.1f} 秒"},
    "live.stopping": {"en": "Stopped: training has halted and the weights so far are kept; measuring the model…",
                      "zh": "已停止：训练已中止并保留当前权重；正在评估模型……"},
    "live.measuring": {"en": "Training done; measuring the model…", "zh": "训练完成；正在评估模型……"},
    "live.curves": {"en": "Loss", "zh": "损失"},
    "live.preview": {"en": "Latest reconstructions", "zh": "最新重建结果"},
    "curve.step": {"en": "per step", "zh": "每步"},
    "curve.train": {"en": "train (epoch)", "zh": "训练（每轮）"},
    "curve.val": {"en": "validation", "zh": "验证"},
    "curve.x": {"en": "step", "zh": "步数"},
    "curve.y": {"en": "loss per example", "zh": "每个样本的损失"},
    # What the loss chart plots, so it can be matched with the metric tiles (per example, which terms).
    "curve.what.mse": {"en": "Loss: ½‖x − x̂‖², the squared error summed over the {d} inputs of an example, "
                             "averaged over the batch; that is {half:g} × the per-input MSE of the tiles.",
                       "zh": "损失：½‖x − x̂‖²，即一个样本 {d} 个输入的平方误差之和，再对批次取平均；"
                             "等于指标中逐输入 MSE 的 {half:g} 倍。"},
    "curve.what.bce": {"en": "Loss: the cross-entropy summed over the {d} inputs of an example (nats), "
                             "averaged over the batch.",
                       "zh": "损失：一个样本 {d} 个输入的交叉熵之和（奈特），再对批次取平均。"},
    "curve.what.sparse": {"en": " Plus the sparsity penalty β·Σⱼ KL(ρ ‖ ρ̂ⱼ) (L1: β·Σⱼ |hⱼ|).",
                          "zh": " 再加稀疏惩罚 β·Σⱼ KL(ρ ‖ ρ̂ⱼ)（L1：β·Σⱼ |hⱼ|）。"},
    "curve.what.denoising": {"en": " x̂ is rebuilt from the corrupted copy x̃, and compared with the clean x.",
                             "zh": " x̂ 由加噪副本 x̃ 重建，并与干净的 x 比较。"},
    "curve.what.contractive": {"en": r" Plus the penalty $\lambda \lVert J_\phi(x) \rVert_F^2$, averaged over the batch.",
                               "zh": r" 再加惩罚 $\lambda \lVert J_\phi(x) \rVert_F^2$，对批次取平均。"},
    "curve.what.vae": {"en": "Loss: the negative ELBO per example: reconstruction −log p(x | z) plus β·KL(q(z | x) ‖ p(z)), "
                             "averaged over the batch (during warm-up β grows from 0).",
                       "zh": "损失：每个样本的负 ELBO：重建项 −log p(x | z) 加 β·KL(q(z | x) ‖ p(z))，再对批次取平均"
                             "（预热期间 β 从 0 开始增长）。"},
    "curve.what.stacked": {"en": "Each phase plots its own loss per example: a layer's reconstruction while it is "
                                 "pretrained, then the classifier's cross-entropy.",
                           "zh": "每个阶段画出各自的每样本损失：预训练某一层时是它的重建误差，之后是分类器的交叉熵。"},
    "curve.epoch": {"en": "epoch", "zh": "轮"},
    "row.original": {"en": "original", "zh": "原图"},
    "row.reconstruction": {"en": "reconstruction", "zh": "重建"},
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
    "stacked.phase_budget": {"en": "{n} labels: {phase}", "zh": "{n} 个标签：{phase}"},
    # ---- placeholders of multiselects (Streamlit's own is English: "Choose options")
    "compare.pick_placeholder": {"en": "Choose variants", "zh": "选择变体"},
    "compare.runs_placeholder": {"en": "Choose saved runs", "zh": "选择已保存的运行"},
    "contractive.points_placeholder": {"en": "Choose test points", "zh": "选择测试点"},
    "save.name": {"en": "Run name (optional)", "zh": "运行名称（可选）"},
    "save.placeholder": {"en": "e.g. digits-code-2", "zh": "例如 digits-编码-2"},
    "save.saved_as": {"en": "Saved as run “{name}” (see the Runs page).", "zh": "已保存为运行“{name}”（见“运行记录”页面）。"},
    # ---- results
    "section.results": {"en": "What the network learned", "zh": "网络学到了什么"},
    "section.try": {"en": "Things to try", "zh": "试一试"},
    "result.recon": {"en": "Test images and their reconstructions", "zh": "测试图像及其重建"},
    "result.all_metrics": {"en": "All measurements", "zh": "全部指标"},
    "result.none": {"en": "Press **Train** to train this autoencoder; its reconstructions and numbers appear here.",
                    "zh": "点击 **训练** 来训练这个自编码器；重建结果和指标会显示在这里。"},
    "table.metric": {"en": "measure", "zh": "指标"},
    "table.value": {"en": "value", "zh": "数值"},
    "m.train_mse": {"en": "train MSE", "zh": "训练集 MSE"},
    "m.test_mse": {"en": "test MSE", "zh": "测试集 MSE"},
    "m.test_psnr": {"en": "test PSNR", "zh": "测试集 PSNR"},
    "m.test_bce": {"en": "test cross-entropy", "zh": "测试集交叉熵"},
    "m.jacobian_frobenius": {"en": "encoder's ‖Jᵩ(x)‖ (Frobenius)", "zh": "编码器的 ‖Jᵩ(x)‖（Frobenius）"},
    "m.probe_accuracy": {"en": "linear probe accuracy", "zh": "线性探针准确率"},
    "m.pca_mse": {"en": "PCA MSE (same k)", "zh": "PCA MSE（相同 k）"},
    "m.max_principal_angle_deg": {"en": "largest angle to PCA (°)", "zh": "与 PCA 的最大夹角（°）"},
    "m.mean_activation": {"en": "mean activation", "zh": "平均激活"},
    "m.dead_units": {"en": "dead units", "zh": "死亡单元数"},
    "m.always_on_units": {"en": "always-on units", "zh": "常开单元数"},
    "m.lifetime_sparsity": {"en": "lifetime sparsity", "zh": "单元稀疏度"},
    "m.population_sparsity": {"en": "population sparsity", "zh": "群体稀疏度"},
    "m.kl": {"en": "sparsity KL", "zh": "稀疏 KL"},
    "m.psnr_noisy": {"en": "PSNR of noisy input", "zh": "含噪输入 PSNR"},
    "m.psnr_denoised": {"en": "PSNR after denoising", "zh": "去噪后 PSNR"},
    "m.test_neg_elbo": {"en": "−ELBO (nats)", "zh": "−ELBO（奈特）"},
    "m.test_recon_nll": {"en": "reconstruction NLL (nats)", "zh": "重建负对数似然（奈特）"},
    "m.test_kl": {"en": "KL (nats)", "zh": "KL（奈特）"},
    "m.active_units": {"en": "active latent units", "zh": "活跃潜变量数"},
    "m.accuracy_before_finetune": {"en": "accuracy, frozen features", "zh": "准确率（冻结特征）"},
    "m.accuracy_after_finetune": {"en": "accuracy after fine-tuning", "zh": "微调后准确率"},
    "m.accuracy_scratch": {"en": "accuracy from scratch", "zh": "从零训练的准确率"},
    "m.epochs": {"en": "epochs", "zh": "轮数"},
    "m.steps": {"en": "steps", "zh": "步数"},
    "m.train_seconds": {"en": "training time (s)", "zh": "训练时间（秒）"},
    "m.status": {"en": "status", "zh": "状态"},
    "mh.probe_accuracy": {"en": "A logistic regression trained on the codes: how much class information they keep.",
                          "zh": "在编码上训练的逻辑回归：编码保留了多少类别信息。"},
    "mh.test_psnr": {"en": "Peak signal-to-noise ratio: higher is a closer reconstruction.",
                     "zh": "峰值信噪比：越高表示重建越接近原图。"},
}
TABLE.update(TEXTS)
# One text module per group of pages, so that each group's strings live beside each other.
for _module in (texts_learn1, texts_learn2, texts_explore, texts_safety, texts_watch, texts_lessons):
    _clash = set(_module.TEXTS) & set(TABLE)
    if _clash:
        raise RuntimeError(f"{_module.__name__} redefines translation keys: {sorted(_clash)}")
    TABLE.update(_module.TEXTS)
    FORMULAS.update(_module.FORMULAS)

_ROWS_KEYS = tuple(k[: -len(".rows")] for k in TABLE if k.endswith(".rows") and k[: -len(".rows")] in TABLE)

# Chinese one-liners for the data sets (English comes from aecore.data.registry).
DATA_ZH = {
    "digits": "scikit-learn 的 8×8 手写数字（1,797 张，10 类）",
    "shapes": "28×28 的圆、方、三角、十字和线条轮廓",
    "patches": "两张照片中截取的 8×8 灰度小块，按 UFLDL 稀疏自编码器的方式归一化",
    "moons": "二维平面上两个交错的半月（2 类）",
    "circles": "二维平面上两个同心圆（2 类）",
    "swissroll": "二维瑞士卷，沿卷分成 4 段作为标签",
    "spiral": "二维双臂螺旋（标签 = 臂）",
    "mnist": "MNIST 手写数字，28×28（60,000 + 10,000）",
    "fashion-mnist": "Fashion-MNIST 服装图片，28×28（60,000 + 10,000，10 类）",
    "frey": "Frey 人脸，28×20（同一人的 1,965 帧，无标签）",
    "olivetti": "Olivetti 人脸，64×64（40 人共 400 张）",
    "usps": "USPS 邮编数字，16×16（7,291 + 2,007）",
}


def lang() -> str:
    """The session's language: "en" or "zh"."""
    value = st.session_state.get(LANG, "en")
    return value if value in LANGUAGES else "en"


def default_lang(locale: str | None) -> str:
    """Language for a browser locale such as "zh-CN" or "en-US"."""
    return "zh" if (locale or "").lower().startswith("zh") else "en"


def t(key: str, default=_MISSING, **fmt) -> str:
    """The text for ``key`` in the session's language, formatted with ``fmt``.

    Unknown keys return ``default`` when given, else the key itself (visible, so a missing
    translation is noticed rather than hidden).
    """
    entry = TABLE.get(key)
    if entry is None:
        return default if default is not _MISSING else key
    text = entry.get(lang()) or entry["en"]
    return text.format(**fmt) if fmt else text


def t_error(message) -> str:
    """An aecore error or job message (``aecore.errors``: ``.key`` and ``.params``) in the session's
    language; its English text where it has no key or ``texts_errors`` does not know the key."""
    key = getattr(message, "key", None)
    template = ERRORS_ZH.get(key) if lang() == "zh" and isinstance(key, str) else None
    if template is None:
        return str(message)
    params = {k: t_error(v) if isinstance(v, BaseException) else v for k, v in message.params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # a parameter the translation expects and the message lacks
        return str(message)


_BUDGET = re.compile(r"labels (\d+): (.*)")


def t_phase(phase: str) -> str:
    """A training phase's name (aecore's ``"layer 2"``, ``"finetune"``, ``"labels 100: from scratch"``)
    in the session's language; an unknown phase as it is."""
    budget = _BUDGET.fullmatch(phase)
    if budget:
        return t("stacked.phase_budget", n=int(budget[1]), phase=t_phase(budget[2]))
    if phase.startswith("layer ") and phase[6:].isdigit():
        return t("stacked.phase_layer", n=int(phase[6:]))
    return t(f"stacked.phase.{phase}", default=phase)


@dataclass(frozen=True)
class Text:
    """A text to draw later, in whatever language is current then: a table key and its parameters
    (which may be ``Text`` s themselves). Job labels are kept like this, not as the words of the
    language they were submitted in."""

    key: str
    params: tuple = ()

    @classmethod
    def of(cls, key: str, **params) -> Text:
        return cls(key, tuple(sorted(params.items())))

    def __str__(self) -> str:
        return t(self.key, **{k: str(v) if isinstance(v, Text) else v for k, v in self.params})


# Plotly's own words (tool-bar tips, hints), translated through plotly.js's ``locales`` config.
PLOTLY_ZH = {
    "Autoscale": "自动缩放", "Box Select": "框选", "Lasso Select": "套索选择", "Pan": "平移", "Zoom": "缩放",
    "Zoom in": "放大", "Zoom out": "缩小", "Reset": "重置", "Reset axes": "重置坐标轴", "Reset view": "重置视图",
    "Reset views": "重置视图", "Toggle Spike Lines": "显示或隐藏参考线", "Show closest data on hover": "悬停时显示最近的数据",
    "Compare data on hover": "悬停时比较数据", "Toggle show closest data on hover": "切换悬停时显示最近的数据",
    "Download plot as a PNG": "下载为 PNG 图片", "Download plot": "下载图表", "Download plot as JSON": "下载为 JSON",
    "Double-click to zoom back out": "双击恢复原来的缩放", "Double-click on legend to isolate one trace": "双击图例只显示这一条",
    "Erase active shape": "删除选中的形状", "Draw line": "画线", "Draw rectangle": "画矩形", "Draw circle": "画圆",
    "Draw open freeform": "画开放曲线", "Draw closed freeform": "画封闭曲线",
}


def plotly_config(config: dict | None = None) -> dict:
    """``config`` for ``st.plotly_chart`` with Plotly's own words (tool bar) in the session's language."""
    config = dict(config or {})
    if lang() == "zh":
        config.update(locale="zh-CN", locales={"zh-CN": {"dictionary": PLOTLY_ZH}})
    return config


def t_labels(prefix: str, defaults: dict) -> dict:
    """A figure's display strings in the session's language: ``{name: t("<prefix>.<name>")}``,
    falling back to the English ``defaults`` that the aecore figure builder declares."""
    return {k: t(f"{prefix}.{k}", default=v) for k, v in defaults.items()}


def for_data(text: str, image_shape) -> str:
    """``text`` (a ``t(key)`` that speaks of images) in the wording for data that are not images.

    For ``image_shape`` None (rows of a table, 2-D points) a text whose key has a ``<key>.rows``
    variant is replaced by that variant, in the same language; anything else is returned as is.
    """
    if image_shape is not None:
        return text
    for key in _ROWS_KEYS:
        if text == t(key):
            return t(f"{key}.rows")
    return text


def t_data(key: str, image_shape, **params) -> str:
    """``t(key, **params)``, or its ``<key>.rows`` variant when the data are not images (``image_shape`` None)."""
    if image_shape is None and f"{key}.rows" in TABLE:
        return t(f"{key}.rows", **params)
    return t(key, **params)


# ---- option widgets with translated labels ------------------------------------------------------
# Streamlit (1.67) sends an option widget's value to the browser and back as its *label*, the
# format_func's output, while the widget's identity is its key alone. A language switch changes
# every label under an unchanged identity, so the browser keeps the old language's label: it shows
# no option as selected, and on the next interaction sends that label back, which no longer maps
# to an option and reaches session state (and on_change callbacks) as the raw label string.
# The cure is at the switch: every such widget's value is written back into session state in the
# language switch's callback, and Streamlit then sends it to the browser as the new language's label.
def choice(widget, label: str, options, *, key: str, format_func, **kwargs):
    """Draw ``widget`` (st.radio, st.selectbox, st.segmented_control, st.multiselect, st.pills,
    st.select_slider, or the same on a container) whose ``format_func`` translates its options.

    The value stays the internal option (e.g. "lbfgs", never "L-BFGS (full batch)") in every
    language and stays selected across a language switch (see ``relabel``).
    """
    st.session_state.setdefault(RELABEL, set()).add(key)
    return widget(label, options, key=key, format_func=format_func, **kwargs)


def relabel() -> None:
    """``on_change`` of the language switch: have Streamlit re-send every translated option
    widget's value, so the browser holds it as the new language's label."""
    ss = st.session_state
    for key in ss.get(RELABEL, ()):
        if key in ss:
            ss[key] = ss[key]  # read with the old labels (still this run's): the internal value


def dataset_description(name: str, english: str) -> str:
    return DATA_ZH.get(name, english) if lang() == "zh" else english


__all__ = ["FORMULAS", "LANGUAGES", "TABLE", "Text", "choice", "dataset_description", "default_lang", "lang", "relabel",
           "plotly_config", "t", "t_error", "t_phase"]
