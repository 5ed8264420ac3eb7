"""`{{ page.body|body }}`: a body written in the admin, sanitised again on output."""

from django import template

from public.sanitise import render_body

register = template.Library()


@register.filter(name="body")
def body(value):
    return render_body(value)
