"""The bare floor of `make bench`: a Django project of one view (issue 20.2).

Django 5.2 with its default middleware (session, locale, common, CSRF, auth, messages,
clickjacking) and nothing of ours, served by the same gunicorn configuration as the
site. What a request costs Django itself on this machine; the benchmark gives each
page's throughput as a share of it.
"""
