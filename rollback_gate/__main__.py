"""``python -m rollback_gate`` runs the same CLI as ``rollback-gate``."""

from rollback_gate.cli import main

if __name__ == "__main__":
    main()
