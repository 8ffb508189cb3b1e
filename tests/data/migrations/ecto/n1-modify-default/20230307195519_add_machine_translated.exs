defmodule App.Repo.Migrations.AddMachineTranslated do
  use Ecto.Migration

  def change do
    alter table(:operations) do
      add(:machine_translated, :boolean)
    end

    execute("UPDATE operations SET machine_translated = false", "")

    alter table(:operations) do
      modify(:machine_translated, :boolean,
        default: false,
        null: false,
        from: {:boolean, null: true}
      )
    end
  end
end
