"""The context model's trees run by ONNX Runtime instead of scikit-learn's predictor.

The trees were most of a scan's time: scikit-learn walks them one row and one tree at a time,
ONNX Runtime's tree ensemble 4-7 times as fast on one core (bench/README, session 20). The trees
are exported as they are, in double precision: the same features, thresholds and leaf values, so
every row takes the same path; only the order in which a row's leaves are summed differs (log-odds
apart by about 1e-14). Exporting needs the ``onnx`` package (when a model is fitted or compiled);
scoring needs only ``onnxruntime``. Without it, or when the compiled trees do not reproduce the
scores recorded at export on this machine, scikit-learn scores them as before.
"""

from __future__ import annotations

import os
import threading
import warnings
from typing import Any

import numpy as np
from scipy.special import expit

#: set to ``sklearn`` to score with scikit-learn's predictor (a comparison, or a machine without
#: a working ONNX Runtime)
BACKEND_ENV = "PAGESIEVE_TREES"
#: rows kept with the export, and how far the runtime's log-odds may be from scikit-learn's on them
CHECK_ROWS = 64
CHECK_TOLERANCE = 1e-9
#: rows per call: bounds the float64 copy of a large batch
BLOCK_ROWS = 8192


class NothingToCompile(ValueError):
    """Every tree is a single leaf: a constant, which scikit-learn returns as fast."""


def _export(clf: Any) -> tuple[bytes, float]:
    """``clf``'s trees as an ONNX model (``ai.onnx.ml`` TreeEnsemble, doubles throughout) and
    the constant added to their sum: the baseline and any tree that is a single leaf."""
    from onnx import TensorProto, helper, numpy_helper

    roots: list[int] = []
    features: list[int] = []
    splits: list[float] = []
    missing_left: list[int] = []
    true_ids: list[int] = []
    true_leaf: list[int] = []
    false_ids: list[int] = []
    false_leaf: list[int] = []
    leaf_values: list[float] = []
    constant = float(np.ravel(clf._baseline_prediction)[0])
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        is_leaf = nodes["is_leaf"].astype(bool)
        if is_leaf[0]:
            constant += float(nodes["value"][0])
            continue
        if nodes["is_categorical"].any():
            raise ValueError("categorical splits are not exported")
        interior = np.flatnonzero(~is_leaf)
        leaves = np.flatnonzero(is_leaf)
        node_id = np.zeros(len(nodes), dtype=np.int64)
        node_id[interior] = len(features) + np.arange(len(interior))
        node_id[leaves] = len(leaf_values) + np.arange(len(leaves))
        roots.append(int(node_id[0]))
        for i in interior:
            node = nodes[i]
            features.append(int(node["feature_idx"]))
            splits.append(float(node["num_threshold"]))
            missing_left.append(int(node["missing_go_to_left"]))
            left, right = int(node["left"]), int(node["right"])
            true_ids.append(int(node_id[left]))
            true_leaf.append(int(is_leaf[left]))
            false_ids.append(int(node_id[right]))
            false_leaf.append(int(is_leaf[right]))
        leaf_values.extend(float(v) for v in nodes["value"][leaves])
    if not roots:
        raise NothingToCompile("no tree with a split")
    ensemble = helper.make_node(
        "TreeEnsemble",
        ["X"],
        ["Y"],
        domain="ai.onnx.ml",
        aggregate_function=1,  # SUM
        post_transform=0,  # NONE: log-odds out
        n_targets=1,
        tree_roots=roots,
        nodes_featureids=features,
        nodes_modes=numpy_helper.from_array(np.zeros(len(features), dtype=np.uint8)),  # x <= t
        nodes_splits=numpy_helper.from_array(np.array(splits, dtype=np.float64)),
        nodes_missing_value_tracks_true=missing_left,
        nodes_truenodeids=true_ids,
        nodes_trueleafs=true_leaf,
        nodes_falsenodeids=false_ids,
        nodes_falseleafs=false_leaf,
        leaf_targetids=[0] * len(leaf_values),
        leaf_weights=numpy_helper.from_array(np.array(leaf_values, dtype=np.float64)),
    )
    graph = helper.make_graph(
        [ensemble],
        "context_trees",
        [helper.make_tensor_value_info("X", TensorProto.DOUBLE, [None, clf.n_features_in_])],
        [helper.make_tensor_value_info("Y", TensorProto.DOUBLE, [None, 1])],
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 5)],
    )
    return model.SerializeToString(), constant


class CompiledTrees:
    """A binary ``HistGradientBoostingClassifier``'s P(class 1), computed by ONNX Runtime.

    Pickles as the exported model and its check rows; the runtime session is made on first use
    in each process (scan workers, service workers, Spark executors)."""

    def __init__(self, clf: Any, X: np.ndarray) -> None:
        """Export ``clf``'s trees, with ``CHECK_ROWS`` rows spread over ``X`` (rows of the kind
        the trees score) and scikit-learn's log-odds for them."""
        if getattr(clf, "n_trees_per_iteration_", 1) != 1:
            raise ValueError("only binary classifiers are exported")
        self.model, self.constant = _export(clf)
        spread = np.linspace(0, len(X) - 1, num=min(len(X), CHECK_ROWS)).astype(np.int64)
        self.check_rows = np.ascontiguousarray(X[spread], dtype=np.float64)
        self.check_raw = np.ravel(clf._raw_predict(self.check_rows)).astype(np.float64)
        self._init_runtime()

    def _init_runtime(self) -> None:
        self._session: Any = None
        self._usable: bool | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict:
        return {k: self.__dict__[k] for k in ("model", "constant", "check_rows", "check_raw")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._init_runtime()

    def usable(self) -> bool:
        """Whether this process can score with the runtime (made and checked on first call)."""
        if self._usable is None:
            with self._lock:
                if self._usable is None:
                    self._usable = self._start()
        return self._usable

    def _start(self) -> bool:
        if os.environ.get(BACKEND_ENV, "").lower() == "sklearn":
            return False
        try:
            import onnxruntime as ort

            options = ort.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            self._session = ort.InferenceSession(
                self.model, options, providers=["CPUExecutionProvider"]
            )
            got = self._run(self.check_rows)
        except Exception as exc:  # no runtime, or one that cannot run this model
            warnings.warn(
                f"pagesieve: scoring the context trees with scikit-learn ({exc})", stacklevel=3
            )
            return False
        if not np.allclose(got, self.check_raw, rtol=0, atol=CHECK_TOLERANCE):
            warnings.warn(
                "pagesieve: ONNX Runtime's trees disagree with scikit-learn's on this machine; "
                "scoring them with scikit-learn",
                stacklevel=3,
            )
            return False
        return True

    def _run(self, X: np.ndarray) -> np.ndarray:
        (out,) = self._session.run(None, {"X": X})
        return out[:, 0] + self.constant

    def raw(self, X: np.ndarray) -> np.ndarray:
        """Log-odds of the rows of ``X`` (as scikit-learn's ``_raw_predict``, up to 1e-14)."""
        out = np.empty(len(X), dtype=np.float64)
        for i in range(0, len(X), BLOCK_ROWS):
            block = np.ascontiguousarray(X[i : i + BLOCK_ROWS], dtype=np.float64)
            out[i : i + len(block)] = self._run(block)
        return out

    def proba(self, X: np.ndarray) -> np.ndarray:
        """P(class 1) of the rows of ``X``."""
        return expit(self.raw(X))
