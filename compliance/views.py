from forloeb.views.shell import shell

dashboard = shell("Overblik")
