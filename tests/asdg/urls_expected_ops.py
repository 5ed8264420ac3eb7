"""Operations' pages in the URL matrix: the load balancer's health check."""

from tests.url_matrix import OK, everyone

PAGES = {
    "healthz": ({}, everyone(OK)),
}
