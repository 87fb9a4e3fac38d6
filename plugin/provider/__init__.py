"""The Processing provider ``reclamation`` and its algorithms."""
