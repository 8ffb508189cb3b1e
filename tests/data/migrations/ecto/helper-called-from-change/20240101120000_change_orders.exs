defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  def change do
    drop_legacy()
  end

  defp drop_legacy do
    execute("ALTER TABLE orders DROP COLUMN legacy")
  end
end
