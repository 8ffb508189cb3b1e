<?php

use App\Models\LoginAttempt;
use Illuminate\Database\Migrations\Migration;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Storage;

return new class extends Migration {
    public function up(): void
    {
        DB::table('permissions')->where('name', 'legacy')->delete();
        LoginAttempt::truncate();
        Storage::delete('exports/old.csv');
        DB::table('roles')->insert(['name' => 'viewer']);
    }

    public function down(): void
    {
        DB::table('roles')->where('name', 'viewer')->delete();
    }
};
