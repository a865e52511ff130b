from forloeb.views.shell import shell

min_uge = shell("Min uge")
levering = shell("Levering")
eksport = shell("Eksport")
