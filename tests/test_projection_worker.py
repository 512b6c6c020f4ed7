"""The latent-map worker process (``python aecore/serving/projection.py``) when the app goes away."""

import subprocess
import sys

import numpy as np

from aecore.serving import projection, wire


def test_the_projection_worker_exits_quietly_when_the_app_is_gone_mid_answer():
    proc = subprocess.Popen([sys.executable, projection.__file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    z = np.random.default_rng(0).random((50, 4), dtype=np.float32)
    wire.send(proc.stdin, {"method": "pca", "params": {}}, (z,))
    proc.stdout.close()  # the app ended: the answer meets a closed pipe
    proc.stdin.close()
    err = proc.stderr.read()  # until the worker has exited
    assert proc.wait(60) == 0 and err.decode() == ""
