"""Turn an admin page's forms into the POST data its "Save" button would send."""

from datetime import date, datetime


def _encode(name, value, data):
    if value is None or value is False:
        return
    if value is True:
        data[name] = "on"
    elif isinstance(value, (list, tuple)):
        data[name] = [str(item) for item in value]
    elif isinstance(value, (date, datetime)):
        data[name] = value.isoformat()
    else:
        data[name] = str(value)


def form_fields(form, data):
    for bound_field in form:
        _encode(bound_field.html_name, bound_field.value(), data)


def change_form_data(response, **overrides):
    """The data of an admin add/change page as rendered, with `overrides` applied."""
    data = {}
    form_fields(response.context["adminform"].form, data)
    for inline in response.context.get("inline_admin_formsets") or []:
        formset = inline.formset
        form_fields(formset.management_form, data)
        for form in formset.forms:
            form_fields(form, data)
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def changelist_form_data(response, **overrides):
    """The data of a changelist with list_editable, as rendered."""
    formset = response.context["cl"].formset
    data = {}
    form_fields(formset.management_form, data)
    for form in formset.forms:
        form_fields(form, data)
    data["_save"] = "Save"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
