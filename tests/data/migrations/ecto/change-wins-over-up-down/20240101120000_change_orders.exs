defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  def change do
    create index(:orders, [:note])
  end

  def up, do: :ok
  def down, do: :ok
end
