from django.db import models

raise RuntimeError("never imported")


class LazyDefaultBooleanField(models.PositiveSmallIntegerField):
    def __init__(self, *args, **kwargs):
        self.lazy_default = kwargs.get("default")
        kwargs["null"] = True
        kwargs["default"] = None
        super().__init__(*args, **kwargs)


class Feedback(models.CharField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, null=True, **kwargs)


class LabelledFeedback(Feedback):
    pass


class PlainCode(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 8
        super().__init__(*args, **kwargs)
