# No models: the project package spans the apps. This module exists so that Django
# sends post_migrate for this app (asdg.apps syncs the role permissions then).
