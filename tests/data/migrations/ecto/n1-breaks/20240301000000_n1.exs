defmodule MyApp.Repo.Migrations.N1 do
  use Ecto.Migration

  def change do
    rename table(:orders), :note, to: :comment
    rename table(:customers), to: table(:clients)

    alter table(:orders) do
      add :currency, :string, null: false
      modify :status, :string, null: false, from: {:string, null: true}
      modify :code, :string, size: 20, from: :text
      modify :client_id, references(:clients), from: :bigint
    end

    create unique_index(:orders, [:ref])
    create constraint(:orders, :total_positive, check: "total >= 0", validate: false)
    create unique_index(:orders, ["lower(email)"])
  end
end
