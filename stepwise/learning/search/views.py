from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from stepwise.learning.search import SearchPage, search_notes
from stepwise.learning.search.forms import SearchForm

PER_PAGE = 20
# Beyond this many pages a better query helps more than paging does.
MAX_PAGES = 25


class _Found:
    """One page of hits, with the total, in the shape Paginator expects."""

    def __init__(self, found: SearchPage):
        self.found = found

    def count(self) -> int:
        return min(self.found.total, PER_PAGE * MAX_PAGES)

    def __getitem__(self, _slice):
        return self.found.hits


def _page_number(raw: str | None) -> int:
    return min(max(int(raw), 1), MAX_PAGES) if raw and raw.isdigit() and len(raw) < 4 else 1


@require_http_methods(["GET", "POST"])
def search(request):
    # POST although it only reads: what someone searches for (a name, perhaps) must never
    # sit in a URL, where access logs and proxies would keep it.
    form = SearchForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "searched": False}
    status = 200
    if form.is_bound and not form.is_valid():
        status = 422
    elif form.is_bound:
        number = _page_number(request.POST.get("page"))
        found = search_notes(membership=request.membership, text=form.cleaned_data["q"],
                             filters=form.filters(), offset=(number - 1) * PER_PAGE,
                             limit=PER_PAGE)
        paginator = Paginator(_Found(found), PER_PAGE)
        if number > paginator.num_pages:
            number = paginator.num_pages
            found = search_notes(membership=request.membership, text=form.cleaned_data["q"],
                                 filters=form.filters(), offset=(number - 1) * PER_PAGE,
                                 limit=PER_PAGE)
            paginator = Paginator(_Found(found), PER_PAGE)
        context.update(searched=True, found=found, page=paginator.page(number))
    template = "learning/search.html#results" if request.htmx else "learning/search.html"
    return render(request, template, context, status=status)
