defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  import Ecto.Query

  def up do
    from(o in "orders", where: is_nil(o.status), update: [set: [status: "new"]])
    |> repo().update_all([])
  end

  def down do
    :ok
  end
end
