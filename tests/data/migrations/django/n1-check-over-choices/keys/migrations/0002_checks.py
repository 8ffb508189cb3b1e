from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("keys", "0001_initial")]

    operations = [
        migrations.AddConstraint(
            model_name="apikey",
            constraint=models.CheckConstraint(check=models.Q(permission__in=["read", "read_write", "full_access"]), name="apikey_permission_valid"),
        ),
        migrations.AddConstraint(
            model_name="apikey",
            constraint=models.CheckConstraint(check=models.Q(scope__in=["org"]), name="apikey_scope_valid"),
        ),
        migrations.AddConstraint(
            model_name="apikey",
            constraint=models.CheckConstraint(check=models.Q(label__in=["a", "b"]), name="apikey_label_valid"),
        ),
    ]
