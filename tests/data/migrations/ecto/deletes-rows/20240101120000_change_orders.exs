defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  import Ecto.Query
  @truncate "TRUNCATE order_events"

  def up do
    repo().delete_all(from(o in "orders", where: o.status == "void"))
    repo().query!("DELETE FROM carts WHERE expired")
    Ecto.Adapters.SQL.query!(repo(), @truncate, [])
  end

  def down do
    raise "irreversible"
  end
end
