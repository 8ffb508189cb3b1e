defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  def up() do
    alter table(:orders) do
      add :note, :text
    end
  end

  def down, do: nil
end
