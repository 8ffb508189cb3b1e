defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  require Logger

  def up do
    create index(:orders, [:note])
  end

  def down do
    # nothing to do
    Logger.info("skipping")
    :ok
  end
end
