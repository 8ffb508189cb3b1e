"""Offline monitoring evidence: Prometheus rules, Grafana dashboards, Kubernetes manifests.

Each module reads files through the Tree and returns plain data plus findings; nothing here
executes or renders what it reads (YAML is composed with the safe loader, PromQL is parsed
with ``promql-parser``).
"""
