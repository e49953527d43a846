"""The stack model: what a repository's files say about how it runs, per environment.

:func:`read_stack` reads Kubernetes manifests and kustomize overlays, Helm charts and their
values files, docker compose files, CI workflows, Makefiles, Argo CD and Flux objects, nginx
and certbot configuration, Dockerfiles, systemd units and Ansible inventories into a
:class:`StackModel`. Nothing is guessed: what the files do not say stays ``None``.
"""

from runwright.scaffold.stack.model import (
           Database,
           DeployPath,
           Environment,
           Health,
           Image,
           StackModel,
           TagScheme,
           Tls,
           Volume,
           Workload,
)
from runwright.scaffold.stack.read import read_stack

__all__ = ["Database", "DeployPath", "Environment", "Health", "Image", "StackModel",
           "TagScheme", "Tls", "Volume", "Workload", "read_stack"]
