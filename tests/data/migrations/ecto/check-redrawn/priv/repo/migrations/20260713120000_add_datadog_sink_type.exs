defmodule Portal.Repo.Migrations.AddDatadogSinkType do
  use Ecto.Migration

  def up do
    drop(constraint(:log_sinks, :type_must_be_valid))
    create(constraint(:log_sinks, :type_must_be_valid, check: "type IN ('splunk', 'datadog')"))
    create(constraint(:log_sinks, :name_not_blank, check: "name <> ''"))
  end

  def down do
    drop(constraint(:log_sinks, :name_not_blank))
    drop(constraint(:log_sinks, :type_must_be_valid))
    create(constraint(:log_sinks, :type_must_be_valid, check: "type IN ('splunk')"))
  end
end
