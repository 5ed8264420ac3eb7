from organisation.selectors import organisation_get


def organisation(request):
    return {"organisation": organisation_get()}
