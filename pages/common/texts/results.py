"""Strings of a trained model's results, shared by the pages: measurements (``m.*``, with help ``mh.*``), the
loss chart (``curve.*``), result blocks and tables (``result.*``, ``row.*``, ``table.*``), the live view
under Train (``live.*``, ``pages/common/live.py``, ``views.py``) and the variants' names (``v.*``).

Their keys are routed here by prefix: ``m.*``, ``mh.*``, ``curve.*``, ``result.*``, ``row.*``, ``table.*``,
``live.*``, ``v.*``. ``pages/common/texts/__init__.py`` merges every module's ``TEXTS`` into ``i18n.TABLE``.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ---- variants
    "v.ae": {"en": "Plain AE", "zh": "普通自编码器"},
    "v.sparse": {"en": "Sparse AE", "zh": "稀疏自编码器"},
    "v.denoising": {"en": "Denoising AE", "zh": "去噪自编码器"},
    "v.contractive": {"en": "Contractive AE", "zh": "收缩自编码器"},
    "v.vae": {"en": "Variational AE", "zh": "变分自编码器"},
    "v.stacked": {"en": "Stacked AE", "zh": "堆叠自编码器"},
    # ---- live training
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
    # ---- results
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
    # ---- shared: the note under Train when live settings reach a running job (pages/common/live.py)
    "live.sent": {"en": "{values} sent to the running job.", "zh": "{values} 已发送给正在运行的任务。"},
    "live.sent_help": {
        "en": "The learning rate and the variant's own weights (ρ, β, noise level, λ) reach a running job between two "
              "steps. Every other change applies to the next run.",
        "zh": "学习率和该变体自身的权重（ρ、β、噪声强度、λ）会在两步之间传给正在运行的任务；其他改动在下一次训练时生效。"},
    # data that are not images (a table's rows, 2-D points): the ``.rows`` wording (i18n.for_data)
    "result.recon.rows": {"en": "Test examples and their reconstructions", "zh": "测试样本及其重建"},
}
