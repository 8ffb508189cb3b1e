defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  def change do
    create table(:invoices) do
      add :order_id, references(:orders, on_delete: :delete_all), null: false
      add :number, :string
      timestamps()
    end

    create unique_index(:invoices, [:number])
    create_if_not_exists index(:orders, [:status])
    create constraint(:orders, :amount_positive, check: "amount > 0")
    rename table(:orders), :total, to: :amount
    rename table(:carts), to: table(:baskets)

    alter table(:orders) do
      add :note, :text
      timestamps(default: fragment("now()"))
    end

    flush()
    execute(&up_sql/0, &down_sql/0)
  end

  defp up_sql, do: repo().query!("UPDATE orders SET note = ''")
  defp down_sql, do: :ok
end
