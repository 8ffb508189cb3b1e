defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      modify :status, :string, null: false
      modify :note, :text, from: :string
      modify :title, :string, size: 50, from: :text
      modify :amount, :integer, from: {:bigint, null: true}
      modify :price, :decimal, precision: 12, scale: 4, from: {:decimal, precision: 10, scale: 2}
    end
  end
end
