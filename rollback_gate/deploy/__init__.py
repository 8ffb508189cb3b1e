"""What a rollback returns to: the deployment descriptors under ``rollback.manifests``.

Kubernetes workloads, Helm charts (``Chart.yaml``, ``values.yaml``, templates read as
text), Kustomize overlays and compose files are parsed, never rendered or applied.
RG122 (:mod:`~rollback_gate.deploy.images`): a mutable image reference. RG120
(:mod:`~rollback_gate.deploy.history`): too little revision history to roll back to.
"""
