"""aecore's messages in 中文, by key (``aecore.errors``): refused uploads and run zips, missing data
sets, diverged or failed jobs.

The English text of each lives with the code that raises it (the CLI prints it); here only
its translation. ``i18n.t_error`` fills a template with the message's parameters and falls back
to the English text for a key missing here (``tests/test_app_i18n.py`` checks that every key
aecore raises is here, with the same parameters). Code, file names and commands stay in
backticks, as the English writes them.
"""

from __future__ import annotations

ERRORS_ZH: dict[str, str] = {
    # ---- data files (uploads, file:PATH)
    "file.cap_not_number": "`AECORE_MAX_FILE_MB` 必须是以兆字节为单位的数字，当前为 {raw!r}。",
    "file.cap_not_positive": "`AECORE_MAX_FILE_MB` 必须为正数，当前为 {raw!r}。",
    "file.empty": "{file} 是空文件（0 字节）；请选择包含数据行的文件。",
    "file.too_large": "{file} 大小为 {mb:.1f} MB，超过 {cap:g} MB 的上限；请使用更小的文件，或用环境变量 "
                      "`AECORE_MAX_FILE_MB` 提高上限。",
    "file.missing": "找不到文件：{path!r}。",
    "file.type": "{file}：不支持的文件类型 {suffix!r}；请使用以下之一：{allowed}。",
    "npy.bad_header": "{file} 不是有效的 .npy 文件（文件头损坏）；请用 `np.save` 保存。",
    "npy.object": "{file} 包含 NumPy 对象数组：读取它需要 `pickle`，而 `pickle` 可以运行任意代码；请改为保存普通数值数组，"
                  "例如 `np.save(path, x.astype(np.float32))`。",
    "npy.structured": "{file} 包含 NumPy 结构化数组（`{dtype}`）；请改为保存普通数值数组，例如 "
                      "`np.save(path, x.astype(np.float32))`。",
    "npy.damaged": "{file} 是损坏的 .npy 文件。",
    "npz.not_zip": "{file} 不是有效的 .npz 文件（不是 zip 压缩包）；请用 `np.savez` 保存。",
    "npz.no_x": "{file} 中没有名为 `x` 的数组（找到：`{found}`）；请用 `np.savez(path, x=features, y=labels)` 保存。",
    "npz.damaged": "{file}：数组 `{array}` 已损坏。",
    "npz.object": "{file}：数组 `{array}` 的类型是 object，无法安全读取；请保存普通数值数组。",
    "images.none": "{file} 中没有图像；请把 .png 或 .jpg 文件放进 zip（可按类别各放一个文件夹）。",
    "images.too_many": "{file} 包含 {n:,} 个文件；上限为 {limit:,} 张图像。",
    "images.not_image_name": "{file}：{entry!r} 不是 PNG 或 JPEG 图像；图像 zip 只能包含 .png、.jpg 和 .jpeg 文件"
                             "（若有标签，可按类别各放一个文件夹）。",
    "images.encrypted": "{file}：{entry!r} 已加密；请不设密码重新压缩这些图像。",
    "images.bomb_ratio": "{file}：{entry!r} 解压后膨胀 {ratio:.0f} 倍（上限 {limit} 倍）；这是 zip 炸弹，不是图像。",
    "images.bad_zip": "{file} 不是可读取的 zip 压缩包（已损坏或不完整）；请重新压缩这些图像。",
    "images.bomb_size": "{file}：{entry!r} 比 zip 中记录的更大；已拒绝（zip 炸弹）。",
    "images.format": "{file}：{entry!r} 是 {format} 格式的图像；请使用 PNG 或 JPEG。",
    "images.decoded_too_large": "{file}：{n:,} 张 {w}×{h} 像素的图像转成数值后占 {mb:.0f} MB，超过 {cap:g} MB 的上限；"
                                "请使用更少或更小的图像。",
    "images.sizes_differ": "{file}：{entry!r} 为 {w}×{h} 像素，而 {first!r} 为 {w0}×{h0} 像素；所有图像必须大小相同，"
                           "请先调整尺寸。",
    "images.bomb_pixels": "{file}：{entry!r} 声称是一张巨大的图像（解压炸弹）；请使用每边最多几千像素的图像。",
    "images.not_image": "{file}：{entry!r} 不是 PNG 或 JPEG 图像（内容不是图像格式）；请把它从 zip 中删除。",
    "images.damaged": "{file}：{entry!r} 是损坏的图像或 zip 条目；请重新导出。",
    "csv.binary": "{file} 是二进制文件（含有 NUL 字节），不是 CSV 文本；请把数据导出为逗号分隔的数字。",
    "csv.not_utf8": "{file} 不是 UTF-8 文本（偏移 {offset} 处的字节 0x{byte:02x}）；它可能是二进制文件；请把 CSV 存为 UTF-8。",
    "csv.blank": "{file} 中没有数据（只有空行）；请每行写一行数字。",
    "csv.header_only": "{file} 只有表头，没有数据行。",
    "csv.unparsed": "{file} 无法解析为数值 CSV。",
    "csv.ragged": "{file}：第 {line} 行有 {n} 个值，而第一行有 {width} 个；每一行的列数必须相同。",
    "csv.empty_value": "{file}：第 {line} 行第 {col} 列为空；请填写每一个值。",
    "csv.not_number": "{file}：第 {line} 行第 {col} 列的内容 {value!r} 不是数字；只允许数值列（另加一个 `label` 列）。",
    "data.not_numeric": "{file}：特征必须是数值，实际类型为 `{dtype}`。",
    "data.bad_shape": "{file}：特征必须是二维（行 × 列）或三维（行 × 高 × 宽），实际形状为 {shape}；请先改变形状，"
                      "例如 `x.reshape(len(x), -1)`。",
    "data.too_few_rows": "{file} 只有 {n} 行；划分训练集和测试集至少需要 {min} 行。",
    "data.no_columns": "{file} 有数据行，但没有特征列。",
    "data.not_finite_line": "{file}：第 {line} 行第 {col} 列为 {value}；所有值都必须是有限数（请先填补或删除缺失值）。",
    "data.not_finite_row": "{file}：第 {row} 行第 {col} 列（从 1 开始计）为 {value}；所有值都必须是有限数（请先填补或删除缺失值）。",
    "labels.bad_shape": "{file}：标签必须每行一个（共 {n} 个），实际形状为 {shape}。",
    "labels.not_integer": "{file}：标签必须是整数，实际类型为 `{dtype}`。",
    "labels.not_whole": "{file}：标签必须是整数；第 {row} 行为 {value}。",
    # ---- data sets that are not on this machine
    "data.unavailable": "数据集 {name} 无法离线使用：请把 `{files}` 放进以下任一文件夹：`{where}`（或设置 "
                        "`AECORE_DATA_DIR`），或运行 `python -m aecore download {name}`。",
    "data.unavailable_elsewhere": "数据集 {name} 无法离线使用：请把 `{files}` 放进以下任一文件夹：`{where}`（或设置 "
                                  "`AECORE_DATA_DIR`）；文件可从 {source} 获取（`python -m aecore download` "
                                  "无法下载这个数据集）。",
    "data.download_failed": "无法下载数据集 {name}（{url}）；这台机器可能没有联网。请从别处获取文件，把 `{files}` 放进 `{folder}`，"
                            "或放进 `AECORE_DATA_DIR` 中某个文件夹下的 `{name}` 子文件夹。",
    "data.download_damaged": "从 {url} 下载的 {file} 的 sha256 为 {got}，应为 {sha}：文件已损坏或不是原始文件，已丢弃。"
                             "请重试，或把 `{files}` 放进 `{folder}`，或放进 `AECORE_DATA_DIR` 中某个文件夹下的 `{name}` 子文件夹。",
    # ---- run zips and saved runs
    "zip.too_many": "这个 zip 有 {n} 个条目；运行 zip 最多包含 {limit} 个文件（{allowed}），可放在一个文件夹内。",
    "zip.traversal": "这个 zip 包含路径 {entry!r}，它指向文件夹之外；已拒绝（路径穿越）。请用 Diabolo 重新导出该运行。",
    "zip.link": "这个 zip 包含符号链接 {entry!r}；链接可能指向本机任何位置，因此被拒绝。请直接压缩文件本身。",
    "zip.folders": "这个 zip 包含文件夹 {entry!r}；运行 zip 最多只能有一个文件夹。",
    "zip.pickle": "这个 zip 包含 {entry}：只接受 safetensors 格式的权重；基于 `pickle` 的格式在读取时可能运行代码。"
                  "请把模型保存为 weights.safetensors。",
    "zip.unknown_file": "这个 zip 包含 {entry!r}；运行 zip 只能包含 {allowed}。",
    "zip.nested": "这个 zip 中的 {entry!r} 位于嵌套文件夹中或出现了两次；{allowed} 应各出现一次。",
    "zip.encrypted": "这个 zip 中的 {entry} 已加密；请不设密码重新导出该运行。",
    "zip.mixed": "这个 zip 的文件有的在顶层、有的在文件夹里；请把它们放在同一处。",
    "zip.missing": "这个 zip 中没有 {entry}；运行 zip 必须包含 config.json 和 weights.safetensors。",
    "zip.too_large": "这个 zip 解压后有 {n:,} 字节；上限为 {limit:,} 字节。",
    "zip.bomb_ratio": "这个 zip 中的 {entry} 解压后膨胀 {ratio:.0f} 倍（上限 {limit} 倍）；这是 zip 炸弹，不是运行记录。",
    "zip.bomb_size": "这个 zip 中的 {entry} 比其文件头记录的更大；已拒绝（zip 炸弹）。",
    "zip.outside_uploads": "config.json：该运行是在文件 {path!r} 上训练的，它位于 Diabolo 的上传文件夹之外；导入的运行"
                           "只能引用上传的数据，以免它让服务器读取其他文件。请在“你自己的数据”中上传这份数据，并在这里训练模型。",
    "zip.unreadable": "这个文件不是可读取的 zip；它可能不完整或已损坏。请重新导出该运行并上传完整的文件。",
    "zip.cannot_import": "无法导入这个 zip：{error}",
    "run.name_empty": "运行名称 {name!r} 去掉控制字符、斜杠、“..”和开头的点之后为空；请使用字母、数字、“-”、“_”或“.”。",
    "run.name_slash": "运行名称 {name!r} 含有斜杠（{char!r}）；运行名称是一个文件夹名。请使用字母、数字、“-”、“_”或“.”，"
                      "例如 my-run-2。",
    "run.name_control": "运行名称 {name!r} 含有控制字符 {char!r}；运行名称是一个文件夹名。请使用字母、数字、“-”、“_”或“.”，"
                        "例如 my-run-2。",
    "run.name_taken": "已有名为 {name!r} 的运行；请换一个名称。",
    "run.live_not_numbers": "config.json：`live` 必须把设置名映射到数字；实际为 `{live}`。",
    "run.live_invalid": "config.json：`live`：{error}",
    "run.bad_json": "{file} 无法作为 JSON 读取；该运行已损坏。",
    "run.section_not_object": "config.json：`{section}` 必须是 JSON 对象。",
    "run.unknown_settings": "config.json：未知的 `{section}` 设置 `{names}`；该运行由其他版本的 Diabolo 写入，或被手工修改过。",
    "run.invalid_settings": "config.json：无效的 `{section}` 设置：{error}",
    "run.bad_int": "config.json：`{field}` 必须是 {low} 到 {high} 之间的整数；实际为 {got!r}。",
    "run.config_not_object": "config.json 必须包含一个 JSON 对象。",
    "run.unknown_keys": "config.json：未知的键 `{names}`；允许的键：`{allowed}`。",
    "run.format": "config.json：格式版本必须为 {format}；实际为 {got!r}。更新的格式需要更新版本的 Diabolo。",
    "run.config_invalid": "config.json：{error}",
    "run.unit_range": "config.json：`unit_range` 必须为 true 或 false；实际为 {got!r}。",
    "run.weights_invalid": "weights.safetensors 不是有效的 safetensors 文件；请重新导出该运行。",
    "run.weights_names": "weights.safetensors 与 config.json 不符：缺少张量 `{missing}`，多出张量 `{extra}`。"
                         "这些权重属于另一个模型。",
    "run.weights_shape": "weights.safetensors：张量 `{tensor}` 的形状为 {shape}（`{dtype}`），而 config.json 中的模型需要 "
                         "{want}（浮点数）；这些权重属于另一个模型。",
    "run.not_a_run": "{path!r} 不是运行文件夹：它需要 config.json 和 weights.safetensors。",
    "run.unbuildable": "config.json 描述的模型无法构建：{error}",
    "run.bad_digest": "config.json：`weights_sha256` 必须是 64 位小写十六进制数字。",
    "run.bad_name_type": "config.json：`name` 必须是文本。",
    "run.bad_history": "history.jsonl 中有一行不是 JSON；该运行已损坏。",
    "run.bad_metrics": "metrics.json 必须包含一个 JSON 对象，history.jsonl 必须每行一个对象。",
    "run.data_width": "数据集 {data!r} 现在有 {dim} 列，而运行 {run!r} 是在 {want} 列上训练的；模型无法读取这份数据。"
                      "请恢复原来的文件，或在这份数据上训练一个新模型。",
    # ---- training jobs
    "train.diverged": "训练在第 {step} 步（第 {epoch} 轮）发散：损失变成了 {value}。保留第 {kept} 步的权重。"
                      "请尝试更小的学习率，例如用 {try_lr:.2g} 代替 {lr:.2g}。",
    "train.exploded": "训练在第 {step} 步（第 {epoch} 轮）发散：损失变成了 {value:.3g}，超过初始值的 {factor:.0e} 倍。"
                      "保留第 {kept} 步的权重。请尝试更小的学习率，例如用 {try_lr:.2g} 代替 {lr:.2g}。",
    "train.early_stopped": "在第 {epoch} 轮后提前停止：验证损失连续 {patience} 轮没有改善；保留最佳权重（验证损失 {best:.4g}）。",
    "job.out_of_memory": "内存不足：请选择更小的编码、隐藏层或批大小。",
    "job.worker_died": "训练此任务的工作进程意外停止；其他任务不受影响。请重新训练；如果反复出现，可能是模型需要的内存超过了"
                       "服务器的内存：请选择更小的编码、隐藏层或批大小。",
    "job.ray_worker_died": "训练此任务的 Ray 工作进程意外停止；其他任务不受影响。请重新训练；如果反复出现，可能是模型需要的"
                           "内存超过了工作节点的内存：请选择更小的编码、隐藏层或批大小。",
}
